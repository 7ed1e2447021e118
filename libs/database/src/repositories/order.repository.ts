import { assertTransition, type OrderStatus } from '@nprod/domain';
import type { EntityManager } from 'typeorm';
import { OrderEntity, OrderEventActor, OrderEventEntity } from '../entities';

export interface OrderActor {
  kind: OrderEventActor;
  id?: string | null;
}

/**
 * Moves an order to `to` and records the event, refusing transitions the state machine
 * does not allow. The UPDATE is conditional on the current status, so two workers racing
 * on the same order cannot both apply the same transition.
 */
export async function transitionOrder(
  manager: EntityManager,
  order: Pick<OrderEntity, 'id' | 'status'>,
  to: OrderStatus,
  actor: OrderActor,
  reason: string | null = null,
): Promise<boolean> {
  assertTransition(order.status, to);
  const result = await manager
    .createQueryBuilder()
    .update(OrderEntity)
    .set({ status: to, statusReason: reason })
    .where('id = :id AND status = :from', { id: order.id, from: order.status })
    .execute();
  if (result.affected !== 1) return false;
  await manager.getRepository(OrderEventEntity).insert({ orderId: order.id, fromStatus: order.status, toStatus: to, actorKind: actor.kind, actorId: actor.id ?? null, reason });
  order.status = to;
  return true;
}

/** Records the first event of a new order (it has no previous state). */
export async function recordOrderCreated(manager: EntityManager, order: Pick<OrderEntity, 'id' | 'status'>, actor: OrderActor, reason: string | null = null): Promise<void> {
  await manager.getRepository(OrderEventEntity).insert({ orderId: order.id, fromStatus: null, toStatus: order.status, actorKind: actor.kind, actorId: actor.id ?? null, reason });
}
