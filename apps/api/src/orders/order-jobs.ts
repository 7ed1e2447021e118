import type { OrderEntity } from '@nprod/database';
import { OrderAction, OrderTarget } from '@nprod/domain';
import { type JobItem, orderJobId, writeOutboxJob } from '@nprod/jobs';
import type { EntityManager } from 'typeorm';

/** The worker job that carries out an order: space.provision, instance.provision or instance.delete. */
export function jobForOrder(order: Pick<OrderEntity, 'id' | 'action' | 'target'>): JobItem {
  if (order.target === OrderTarget.Space) return { name: 'space.provision', data: { orderId: order.id } };
  return order.action === OrderAction.Delete ? { name: 'instance.delete', data: { orderId: order.id } } : { name: 'instance.provision', data: { orderId: order.id } };
}

/** Writes the order's job into the outbox (same transaction as its approval); a retry gets a new job id. */
export function enqueueOrder(manager: EntityManager, order: Pick<OrderEntity, 'id' | 'action' | 'target' | 'attempt'>): Promise<void> {
  return writeOutboxJob(manager, jobForOrder(order), orderJobId(order.id, order.attempt));
}
