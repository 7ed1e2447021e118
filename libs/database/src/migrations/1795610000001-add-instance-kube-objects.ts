import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInstanceKubeObjects1795610000001 implements MigrationInterface {
  name = 'AddInstanceKubeObjects1795610000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "instances" ADD "kube_objects" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "instances" DROP COLUMN "kube_objects"`);
  }
}
