import type { MigrationInterface, QueryRunner } from 'typeorm';

const RESOURCES = [
  { column: 'cpu_millicores', key: 'cpuMillicores', used: 'used_cpu_millicores' },
  { column: 'memory_mib', key: 'memoryMiB', used: 'used_memory_mib' },
  { column: 'storage_gib', key: 'storageGiB', used: 'used_storage_gib' },
] as const;

/**
 * Instances take their cpu, memory and storage from their space, which already took its whole
 * size from the allocation (docs/decisions/0008): instance orders stop holding those in the
 * allocation. Their unreleased reservations are taken off the allocations' use, and every
 * instance order's reservation keeps only its instance count, so a later release gives back
 * exactly what is still held. Space orders' reservations are unchanged.
 */
export class InstancesFitTheirSpace1795670000001 implements MigrationInterface {
  name = 'InstancesFitTheirSpace1795670000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE allocations a SET ${RESOURCES.map(({ used }) => `${used} = GREATEST(a.${used} - held.${used}, 0)`).join(', ')}, updated_at = now()
       FROM (
         SELECT r.tenant_id, r.region, ${RESOURCES.map(({ column, used }) => `sum(r.${column}) AS ${used}`).join(', ')}
         FROM quota_reservations r JOIN orders o ON o.id = r.order_id
         WHERE o.target = 'INSTANCE' AND r.released_at IS NULL
         GROUP BY r.tenant_id, r.region
       ) held
       WHERE a.tenant_id = held.tenant_id AND a.region = held.region`,
    );
    await queryRunner.query(
      `UPDATE quota_reservations r SET ${RESOURCES.map(({ column }) => `${column} = 0`).join(', ')}
       FROM orders o WHERE o.id = r.order_id AND o.target = 'INSTANCE'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A reservation held what the order reserved, plus the shrink it recorded when it completed.
    const amount = (key: string) =>
      `COALESCE((o.request->'reserved'->>'${key}')::int, 0) + CASE WHEN o.status = 'COMPLETED' THEN LEAST(COALESCE((o.request->'delta'->>'${key}')::int, 0), 0) ELSE 0 END`;
    await queryRunner.query(
      `UPDATE quota_reservations r SET ${RESOURCES.map(({ column, key }) => `${column} = ${amount(key)}`).join(', ')}
       FROM orders o WHERE o.id = r.order_id AND o.target = 'INSTANCE'`,
    );
    await queryRunner.query(
      `UPDATE allocations a SET ${RESOURCES.map(({ used }) => `${used} = a.${used} + held.${used}`).join(', ')}, updated_at = now()
       FROM (
         SELECT r.tenant_id, r.region, ${RESOURCES.map(({ column, used }) => `sum(r.${column}) AS ${used}`).join(', ')}
         FROM quota_reservations r JOIN orders o ON o.id = r.order_id
         WHERE o.target = 'INSTANCE' AND r.released_at IS NULL
         GROUP BY r.tenant_id, r.region
       ) held
       WHERE a.tenant_id = held.tenant_id AND a.region = held.region`,
    );
  }
}
