import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSpaceOrdersApprovalPolicies1795630000001 implements MigrationInterface {
  name = 'AddSpaceOrdersApprovalPolicies1795630000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"approval_policy_overrides\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant_id\" uuid NOT NULL, \"offering_id\" uuid, \"policy\" \"public\".\"offering_approval_policy\" NOT NULL, \"threshold\" jsonb, \"updated_by_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_cfe72d1b967210d24d861f0edd6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_approval_policy_overrides_tenant_all\" ON \"approval_policy_overrides\" (\"tenant_id\") WHERE \"offering_id\" IS NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_approval_policy_overrides_tenant_offering\" ON \"approval_policy_overrides\" (\"tenant_id\", \"offering_id\") WHERE \"offering_id\" IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"spaces\" ADD \"offering_id\" uuid");
    await queryRunner.query("ALTER TABLE \"spaces\" ADD \"plan_key\" text");
    await queryRunner.query("ALTER TABLE \"approval_policy_overrides\" ADD CONSTRAINT \"FK_1575f894a7addc7de43598bdf00\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenants\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"approval_policy_overrides\" ADD CONSTRAINT \"FK_0173ed4a9d672d0c49ddaeef1d4\" FOREIGN KEY (\"offering_id\") REFERENCES \"offerings\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"approval_policy_overrides\" DROP CONSTRAINT \"FK_0173ed4a9d672d0c49ddaeef1d4\"");
    await queryRunner.query("ALTER TABLE \"approval_policy_overrides\" DROP CONSTRAINT \"FK_1575f894a7addc7de43598bdf00\"");
    await queryRunner.query("ALTER TABLE \"spaces\" DROP COLUMN \"plan_key\"");
    await queryRunner.query("ALTER TABLE \"spaces\" DROP COLUMN \"offering_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_approval_policy_overrides_tenant_offering\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_approval_policy_overrides_tenant_all\"");
    await queryRunner.query("DROP TABLE \"approval_policy_overrides\"");
  }
}
