import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The code of a cluster's health reason, for the console to translate; the worker's next probe fills it in. */
export class AddClusterHealthReasonCode1795690000001 implements MigrationInterface {
  name = 'AddClusterHealthReasonCode1795690000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "clusters" ADD "health_reason_code" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "clusters" DROP COLUMN "health_reason_code"');
  }
}
