import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOrderListIndexes1795449939501 implements MigrationInterface {
  name = 'AddOrderListIndexes1795449939501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_orders_tenant_created_at\" ON \"orders\" (\"tenant_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_orders_created_at\" ON \"orders\" (\"created_at\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_orders_created_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_orders_tenant_created_at\"");
  }
}
