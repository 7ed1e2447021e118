import { QUOTA_RESOURCES, isZeroQuota, negateQuota, quotaShrink } from '@nprod/domain';
import type { EntityManager } from 'typeorm';
import { type OrderQuotaChange, releaseDelta, reserveForOrder } from './allocation.repository';

const RESERVATION_COLUMNS = ['cpu_millicores', 'memory_mib', 'storage_gib', 'spaces', 'instances'] as const;

/**
 * Reserves an order's change again after it was released (an operator retries a failed
 * order). The released row is history the order events also keep; it is replaced by a new
 * reservation, which has to fit like any other. False when it does not fit.
 */
export async function reReserveForOrder(manager: EntityManager, change: OrderQuotaChange): Promise<boolean> {
  await manager.query(`DELETE FROM quota_reservations WHERE order_id = $1 AND released_at IS NOT NULL`, [change.orderId]);
  return reserveForOrder(manager, change);
}

/**
 * Gives back the shrinking part of a completed order's change (a smaller plan, a deleted
 * instance) and records it on the order's reservation row. Shrinks free capacity only once
 * done, so a failed shrink never frees what is still in use. Call it only in the transaction
 * that moved the order to COMPLETED: that transition happens once, so this does too.
 */
export async function applyShrinkForOrder(manager: EntityManager, change: OrderQuotaChange): Promise<void> {
  const shrink = quotaShrink(change.delta);
  if (isZeroQuota(shrink)) return;
  await releaseDelta(manager, { tenantId: change.tenantId, region: change.region, delta: negateQuota(shrink) });
  const amounts = QUOTA_RESOURCES.map((resource) => shrink[resource]);
  await manager.query(
    `INSERT INTO quota_reservations (order_id, tenant_id, region, ${RESERVATION_COLUMNS.join(', ')})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (order_id) DO UPDATE SET ${RESERVATION_COLUMNS.map((column) => `${column} = quota_reservations.${column} + EXCLUDED.${column}`).join(', ')}`,
    [change.orderId, change.tenantId, change.region, ...amounts],
  );
}

/** Whether an order holds a reservation that was not released (a live instance's create order does). */
export async function holdsReservation(manager: EntityManager, orderId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(`SELECT 1 FROM quota_reservations WHERE order_id = $1 AND released_at IS NULL`, [orderId]);
  return rows.length > 0;
}
