import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSpaceKubeObjects1795610000002 implements MigrationInterface {
  name = 'AddSpaceKubeObjects1795610000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "spaces" ADD "kube_objects" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "spaces" DROP COLUMN "kube_objects"`);
  }
}
