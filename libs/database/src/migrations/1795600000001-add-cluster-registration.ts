import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddClusterRegistration1795600000001 implements MigrationInterface {
  name = 'AddClusterRegistration1795600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clusters" ADD "credentials_sealed" text`);
    await queryRunner.query(`ALTER TABLE "clusters" ADD "qps" integer`);
    await queryRunner.query(`ALTER TABLE "clusters" ADD "capacity_cpu_millicores" integer`);
    await queryRunner.query(`ALTER TABLE "clusters" ADD "capacity_memory_mib" integer`);
    await queryRunner.query(`ALTER TABLE "clusters" ADD "capacity_storage_gib" integer`);
    await queryRunner.query(`ALTER TABLE "clusters" ADD "capacity_max_spaces" integer`);
    await queryRunner.query(`ALTER TABLE "clusters" ADD "cordon_reason" text`);
    await queryRunner.query(`ALTER TABLE "clusters" ADD "health_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "health_reason"`);
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "cordon_reason"`);
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "capacity_max_spaces"`);
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "capacity_storage_gib"`);
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "capacity_memory_mib"`);
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "capacity_cpu_millicores"`);
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "qps"`);
    await queryRunner.query(`ALTER TABLE "clusters" DROP COLUMN "credentials_sealed"`);
  }
}
