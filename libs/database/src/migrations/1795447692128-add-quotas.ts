import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddQuotas1795447692128 implements MigrationInterface {
  name = 'AddQuotas1795447692128';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"quota_request_status\" AS ENUM('PENDING', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED')");
    await queryRunner.query("CREATE TABLE \"quota_requests\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant_id\" uuid NOT NULL, \"region\" text NOT NULL, \"requested_cpu_millicores\" integer NOT NULL, \"requested_memory_mib\" integer NOT NULL, \"requested_storage_gib\" integer NOT NULL, \"requested_spaces\" integer NOT NULL, \"requested_instances\" integer NOT NULL, \"justification\" text NOT NULL, \"status\" \"public\".\"quota_request_status\" NOT NULL DEFAULT 'PENDING', \"granted_cpu_millicores\" integer, \"granted_memory_mib\" integer, \"granted_storage_gib\" integer, \"granted_spaces\" integer, \"granted_instances\" integer, \"requested_by_id\" uuid, \"decided_by_id\" uuid, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_quota_requests_granted_within_requested\" CHECK (granted_cpu_millicores BETWEEN 0 AND requested_cpu_millicores AND granted_memory_mib BETWEEN 0 AND requested_memory_mib AND granted_storage_gib BETWEEN 0 AND requested_storage_gib AND granted_spaces BETWEEN 0 AND requested_spaces AND granted_instances BETWEEN 0 AND requested_instances), CONSTRAINT \"ck_quota_requests_requested_not_negative\" CHECK (requested_cpu_millicores >= 0 AND requested_memory_mib >= 0 AND requested_storage_gib >= 0 AND requested_spaces >= 0 AND requested_instances >= 0), CONSTRAINT \"PK_0254863e3802cd0432c545b9c5a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_97fda3daed120f2153b4a63d79\" ON \"quota_requests\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_quota_requests_tenant_status\" ON \"quota_requests\" (\"tenant_id\", \"status\") ");
    await queryRunner.query("CREATE TABLE \"quota_reservations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"order_id\" uuid NOT NULL, \"tenant_id\" uuid NOT NULL, \"region\" text NOT NULL, \"cpu_millicores\" integer NOT NULL, \"memory_mib\" integer NOT NULL, \"storage_gib\" integer NOT NULL, \"spaces\" integer NOT NULL, \"instances\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"released_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_f9bef4d0fdbb6da6b52df5cb7e8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_quota_reservations_order\" ON \"quota_reservations\" (\"order_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d69f14b87f493be31f5c663373\" ON \"quota_reservations\" (\"tenant_id\") ");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD \"parent_allocation_id\" uuid");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD \"allocated_to_children_cpu_millicores\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD \"allocated_to_children_memory_mib\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD \"allocated_to_children_storage_gib\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD \"allocated_to_children_spaces\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD \"allocated_to_children_instances\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("CREATE INDEX \"IDX_7b04f9078b678c6b57180ad8a2\" ON \"allocations\" (\"parent_allocation_id\") ");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD CONSTRAINT \"ck_allocations_children_not_negative\" CHECK (allocated_to_children_cpu_millicores >= 0 AND allocated_to_children_memory_mib >= 0 AND allocated_to_children_storage_gib >= 0 AND allocated_to_children_spaces >= 0 AND allocated_to_children_instances >= 0)");
    await queryRunner.query("ALTER TABLE \"allocations\" ADD CONSTRAINT \"FK_7b04f9078b678c6b57180ad8a22\" FOREIGN KEY (\"parent_allocation_id\") REFERENCES \"allocations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"quota_requests\" ADD CONSTRAINT \"FK_8227d5e656c829703f9a8209af9\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenants\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"quota_reservations\" ADD CONSTRAINT \"FK_8226a25340fbb78a47097f9e6d9\" FOREIGN KEY (\"order_id\") REFERENCES \"orders\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    // Orders placed before the ledger existed: record what they reserved, released already when they failed,
    // so the worker's idempotent release gives back exactly what they took.
    await queryRunner.query(
      `INSERT INTO quota_reservations (order_id, tenant_id, region, cpu_millicores, memory_mib, storage_gib, spaces, instances, released_at)
       SELECT o.id, s.tenant_id, s.region, s.cpu_millicores, s.memory_mib, s.storage_gib, 1, 0,
              CASE WHEN o.status IN ('FAILED', 'REJECTED', 'CANCELLED') THEN now() END
       FROM orders o JOIN spaces s ON s.id = o.space_id
       WHERE o.action = 'CREATE' AND o.target = 'SPACE'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"quota_reservations\" DROP CONSTRAINT \"FK_8226a25340fbb78a47097f9e6d9\"");
    await queryRunner.query("ALTER TABLE \"quota_requests\" DROP CONSTRAINT \"FK_8227d5e656c829703f9a8209af9\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP CONSTRAINT \"FK_7b04f9078b678c6b57180ad8a22\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP CONSTRAINT \"ck_allocations_children_not_negative\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_7b04f9078b678c6b57180ad8a2\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP COLUMN \"allocated_to_children_instances\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP COLUMN \"allocated_to_children_spaces\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP COLUMN \"allocated_to_children_storage_gib\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP COLUMN \"allocated_to_children_memory_mib\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP COLUMN \"allocated_to_children_cpu_millicores\"");
    await queryRunner.query("ALTER TABLE \"allocations\" DROP COLUMN \"parent_allocation_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d69f14b87f493be31f5c663373\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_quota_reservations_order\"");
    await queryRunner.query("DROP TABLE \"quota_reservations\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_quota_requests_tenant_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_97fda3daed120f2153b4a63d79\"");
    await queryRunner.query("DROP TABLE \"quota_requests\"");
    await queryRunner.query("DROP TYPE \"public\".\"quota_request_status\"");
  }
}
