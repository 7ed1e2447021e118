import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A deleted space's slug and namespace can be used again (unique among non-DELETED spaces only); a resize's admitted size is held on its cluster. */
export class AddSpaceResizeHoldLiveUnique1795640000001 implements MigrationInterface {
  name = 'AddSpaceResizeHoldLiveUnique1795640000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "spaces" DROP CONSTRAINT "uq_spaces_tenant_slug"');
    await queryRunner.query('DROP INDEX "public"."IDX_60c09818253e993700a2ec630f"');
    await queryRunner.query('ALTER TABLE "spaces" ADD "resizing_to" jsonb');
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_spaces_tenant_slug_live" ON "spaces" ("tenant_id", "slug") WHERE status <> 'DELETED'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_spaces_namespace_live" ON "spaces" ("namespace") WHERE status <> 'DELETED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Fails if a slug or namespace has been reused meanwhile: the old rule cannot hold both rows.
    await queryRunner.query('DROP INDEX "public"."uq_spaces_namespace_live"');
    await queryRunner.query('DROP INDEX "public"."uq_spaces_tenant_slug_live"');
    await queryRunner.query('ALTER TABLE "spaces" DROP COLUMN "resizing_to"');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_60c09818253e993700a2ec630f" ON "spaces" ("namespace") ');
    await queryRunner.query('ALTER TABLE "spaces" ADD CONSTRAINT "uq_spaces_tenant_slug" UNIQUE ("tenant_id", "slug")');
  }
}
