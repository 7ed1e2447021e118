import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to an order NOTIFYs `order_updated` with its id, tenant and status, so each API
 * process (one LISTEN connection each) can push it to its subscribers: API replicas share no memory.
 * The payload stays small (NOTIFY caps it at 8000 bytes); subscribers re-read the order they may see.
 */
export class AddOrderUpdatedNotify1795620000001 implements MigrationInterface {
  name = 'AddOrderUpdatedNotify1795620000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "notify_order_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('order_updated', json_build_object('orderId', NEW.id, 'tenantId', NEW.tenant_id, 'status', NEW.status)::text);
        RETURN NULL;
      END
      $$`);
    // NOTIFY is sent at commit, and not at all on rollback: listeners never see an order that was not stored.
    await queryRunner.query(`
      CREATE TRIGGER "tr_orders_notify_updated" AFTER INSERT OR UPDATE ON "orders"
      FOR EACH ROW EXECUTE FUNCTION "notify_order_updated"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_orders_notify_updated" ON "orders"`);
    await queryRunner.query(`DROP FUNCTION "notify_order_updated"()`);
  }
}
