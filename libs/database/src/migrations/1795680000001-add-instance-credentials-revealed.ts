import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Instance credentials are shown once: when, and to whom. */
export class AddInstanceCredentialsRevealed1795680000001 implements MigrationInterface {
  name = 'AddInstanceCredentialsRevealed1795680000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "instances" ADD "credentials_revealed_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "instances" ADD "credentials_revealed_by_id" uuid');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "instances" DROP COLUMN "credentials_revealed_by_id"');
    await queryRunner.query('ALTER TABLE "instances" DROP COLUMN "credentials_revealed_at"');
  }
}
