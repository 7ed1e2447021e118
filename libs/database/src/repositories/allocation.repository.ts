import { QUOTA_RESOURCES, type QuotaAmounts, type QuotaResource, quotaInUse } from '@nprod/domain';
import type { EntityManager } from 'typeorm';
import { AllocationEntity, QuotaReservationEntity } from '../entities';

/**
 * A signed change to what a tenant uses in one region: positive reserves, negative gives
 * back. A new space is its full size and `spaces: 1`; a resize is new size minus old.
 */
export interface QuotaChange {
  tenantId: string;
  region: string;
  delta: QuotaAmounts;
}

export interface OrderQuotaChange extends QuotaChange {
  orderId: string;
}

const COLUMNS: Readonly<Record<QuotaResource, { limit: string; used: string; children: string }>> = {
  cpuMillicores: { limit: 'cpu_millicores', used: 'used_cpu_millicores', children: 'allocated_to_children_cpu_millicores' },
  memoryMiB: { limit: 'memory_mib', used: 'used_memory_mib', children: 'allocated_to_children_memory_mib' },
  storageGiB: { limit: 'storage_gib', used: 'used_storage_gib', children: 'allocated_to_children_storage_gib' },
  spaces: { limit: 'max_spaces', used: 'used_spaces', children: 'allocated_to_children_spaces' },
  instances: { limit: 'max_instances', used: 'used_instances', children: 'allocated_to_children_instances' },
};

const RESERVATION_COLUMNS: Readonly<Record<QuotaResource, string>> = {
  cpuMillicores: 'cpu_millicores',
  memoryMiB: 'memory_mib',
  storageGiB: 'storage_gib',
  spaces: 'spaces',
  instances: 'instances',
};

export function allocationLimits(allocation: AllocationEntity): QuotaAmounts {
  return {
    cpuMillicores: allocation.cpuMillicores,
    memoryMiB: allocation.memoryMiB,
    storageGiB: allocation.storageGiB,
    spaces: allocation.maxSpaces,
    instances: allocation.maxInstances,
  };
}

export function allocationUsed(allocation: AllocationEntity): QuotaAmounts {
  return {
    cpuMillicores: allocation.usedCpuMillicores,
    memoryMiB: allocation.usedMemoryMiB,
    storageGiB: allocation.usedStorageGiB,
    spaces: allocation.usedSpaces,
    instances: allocation.usedInstances,
  };
}

export function allocationHandedDown(allocation: AllocationEntity): QuotaAmounts {
  return {
    cpuMillicores: allocation.allocatedToChildrenCpuMillicores,
    memoryMiB: allocation.allocatedToChildrenMemoryMiB,
    storageGiB: allocation.allocatedToChildrenStorageGiB,
    spaces: allocation.allocatedToChildrenSpaces,
    instances: allocation.allocatedToChildrenInstances,
  };
}

/** Own use plus what was handed down to children: what a limit may not go below. */
export function allocationInUse(allocation: AllocationEntity): QuotaAmounts {
  return quotaInUse(allocationUsed(allocation), allocationHandedDown(allocation));
}

/**
 * SET and WHERE parts that apply `delta` (parameters from `first`) to `target` columns: a
 * growing amount must fit (`used + handed down + delta <= limit`, in bigint so a huge
 * delta cannot overflow), a shrinking one always fits and stops at zero.
 */
function deltaClauses(target: 'used' | 'children', first: number) {
  const set: string[] = [];
  const fits: string[] = [];
  QUOTA_RESOURCES.forEach((resource, index) => {
    const column = COLUMNS[resource];
    const param = `$${first + index}::int`;
    set.push(`${column[target]} = GREATEST(${column[target]} + ${param}, 0)`);
    fits.push(`(${param} <= 0 OR ${column.used}::bigint + ${column.children} + ${param} <= ${column.limit})`);
  });
  return { set: set.join(', '), fits: fits.join(' AND ') };
}

const deltaParams = (delta: QuotaAmounts) => QUOTA_RESOURCES.map((resource) => delta[resource]);

/**
 * Applies a signed change with one conditional UPDATE: the row lock makes concurrent
 * reservations queue behind each other and re-check the condition, so together they never
 * overshoot. Only the growing resources are checked. Returns false (and changes nothing)
 * when it does not fit or there is no allocation. Prefer reserveForOrder, which is idempotent.
 */
export async function reserveDelta(manager: EntityManager, change: QuotaChange): Promise<boolean> {
  const { set, fits } = deltaClauses('used', 3);
  const [rows] = await manager.query<[unknown[], number]>(
    `UPDATE allocations SET ${set}, updated_at = now() WHERE tenant_id = $1 AND region = $2 AND ${fits} RETURNING id`,
    [change.tenantId, change.region, ...deltaParams(change.delta)],
  );
  return rows.length === 1;
}

/** Gives a change back unconditionally; usage stops at zero. Prefer releaseForOrder, which is idempotent. */
export async function releaseDelta(manager: EntityManager, change: QuotaChange): Promise<void> {
  const set = QUOTA_RESOURCES.map((resource, index) => `${COLUMNS[resource].used} = GREATEST(${COLUMNS[resource].used} - $${index + 3}::int, 0)`).join(', ');
  await manager.query(`UPDATE allocations SET ${set}, updated_at = now() WHERE tenant_id = $1 AND region = $2`, [
    change.tenantId,
    change.region,
    ...deltaParams(change.delta),
  ]);
}

/**
 * Reserves an order's change and records it in `quota_reservations`, in one statement.
 * Idempotent per order: when the order already holds a reservation, nothing changes and
 * the answer is true. False when the change does not fit (nothing is recorded).
 */
export async function reserveForOrder(manager: EntityManager, change: OrderQuotaChange): Promise<boolean> {
  const { set, fits } = deltaClauses('used', 4);
  const rows = await manager.query<unknown[]>(
    `WITH applied AS (
       UPDATE allocations SET ${set}, updated_at = now()
       WHERE tenant_id = $1 AND region = $2 AND ${fits}
         AND NOT EXISTS (SELECT 1 FROM quota_reservations WHERE order_id = $3)
       RETURNING id
     )
     INSERT INTO quota_reservations (order_id, tenant_id, region, ${QUOTA_RESOURCES.map((r) => RESERVATION_COLUMNS[r]).join(', ')})
     SELECT $3, $1, $2, $4, $5, $6, $7, $8 FROM applied
     RETURNING id`,
    [change.tenantId, change.region, change.orderId, ...deltaParams(change.delta)],
  );
  if (rows.length === 1) return true;
  return manager.getRepository(QuotaReservationEntity).existsBy({ orderId: change.orderId });
}

/**
 * Gives back what an order reserved, once: the reservation is marked released in the same
 * statement, so a failure or cancellation handled twice (a retried job, two workers)
 * releases nothing the second time. Returns whether this call released it.
 */
export async function releaseForOrder(manager: EntityManager, orderId: string): Promise<boolean> {
  const set = QUOTA_RESOURCES.map((resource) => {
    const used = COLUMNS[resource].used;
    return `${used} = GREATEST(a.${used} - r.${RESERVATION_COLUMNS[resource]}, 0)`;
  }).join(', ');
  const [rows] = await manager.query<[unknown[], number]>(
    `WITH released AS (
       UPDATE quota_reservations SET released_at = now()
       WHERE order_id = $1 AND released_at IS NULL
       RETURNING tenant_id, region, ${QUOTA_RESOURCES.map((r) => RESERVATION_COLUMNS[r]).join(', ')}
     )
     UPDATE allocations a SET ${set}, updated_at = now()
     FROM released r WHERE a.tenant_id = r.tenant_id AND a.region = r.region
     RETURNING a.id`,
    [orderId],
  );
  return rows.length === 1;
}

export function findAllocation(manager: EntityManager, tenantId: string, region: string): Promise<AllocationEntity | null> {
  return manager.getRepository(AllocationEntity).findOneBy({ tenantId, region });
}

/** Reads an allocation and locks it until the transaction ends; changes to its limits go through here first. */
export function lockAllocation(manager: EntityManager, tenantId: string, region: string): Promise<AllocationEntity | null> {
  return manager.getRepository(AllocationEntity).createQueryBuilder('a').setLock('pessimistic_write').where('a.tenant_id = :tenantId AND a.region = :region', { tenantId, region }).getOne();
}

/**
 * Makes sure the tenant has an allocation in the region (an empty one, carved from
 * `parentAllocationId` when given) and returns it locked. Two callers creating the same
 * allocation at once end up changing one row.
 */
export async function ensureAllocation(manager: EntityManager, tenantId: string, region: string, parentAllocationId: string | null): Promise<AllocationEntity> {
  await manager.query(
    `INSERT INTO allocations (tenant_id, region, cpu_millicores, memory_mib, storage_gib, max_spaces, max_instances, parent_allocation_id)
     VALUES ($1, $2, 0, 0, 0, 0, 0, $3) ON CONFLICT (tenant_id, region) DO NOTHING`,
    [tenantId, region, parentAllocationId],
  );
  const allocation = await lockAllocation(manager, tenantId, region);
  if (!allocation) throw new Error(`allocation of tenant ${tenantId} in ${region} vanished right after it was ensured`);
  return allocation;
}

/**
 * Sets an allocation's limits unless one would fall below what is in use (own use plus
 * what was handed down). Returns false, changing nothing, when it would.
 */
export async function setAllocationLimits(manager: EntityManager, allocationId: string, limits: QuotaAmounts, parentAllocationId: string | null): Promise<boolean> {
  const set = QUOTA_RESOURCES.map((resource, index) => `${COLUMNS[resource].limit} = $${index + 3}::int`).join(', ');
  const notBelowUse = QUOTA_RESOURCES.map((resource, index) => `${COLUMNS[resource].used}::bigint + ${COLUMNS[resource].children} <= $${index + 3}::int`).join(' AND ');
  const [rows] = await manager.query<[unknown[], number]>(
    `UPDATE allocations SET ${set}, parent_allocation_id = $2, updated_at = now() WHERE id = $1 AND ${notBelowUse} RETURNING id`,
    [allocationId, parentAllocationId, ...deltaParams(limits)],
  );
  return rows.length === 1;
}

/**
 * Moves a change of a child's carved allocation into the parent's `allocated_to_children_*`:
 * growing needs that much free in the parent, shrinking gives it back. One conditional
 * UPDATE; false (nothing changed) when the parent does not have it free.
 */
export async function changeHandedDown(manager: EntityManager, parentAllocationId: string, delta: QuotaAmounts): Promise<boolean> {
  const { set, fits } = deltaClauses('children', 2);
  const [rows] = await manager.query<[unknown[], number]>(`UPDATE allocations SET ${set}, updated_at = now() WHERE id = $1 AND ${fits} RETURNING id`, [
    parentAllocationId,
    ...deltaParams(delta),
  ]);
  return rows.length === 1;
}

