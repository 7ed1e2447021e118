import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTenantStatusReason1795447400000 implements MigrationInterface {
  name = 'AddTenantStatusReason1795447400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "status_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "status_reason"`);
  }
}
