import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  InstanceEntity,
  OrderEntity,
  OrderEventActor,
  OrderEventEntity,
  SpaceEntity,
  TenantEntity,
  UserEntity,
  allocationInUse,
  allocationLimits,
  findAllocation,
  releaseForOrder,
  reReserveForOrder,
  spaceInstancesUse,
  spaceRoomSize,
  transitionOrder,
} from '@nprod/database';
import {
  describeEnumValue,
  InstanceStatus,
  OrderAction,
  OrderStatus,
  OrderTarget,
  SpaceStatus,
  allocationShare,
  formatQuotaShortfalls,
  formatSpaceShortfalls,
  isZeroQuota,
  nextOrderStatuses,
  quotaOf,
  quotaShortfalls,
  type QuotaAmounts,
} from '@nprod/domain';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import type { OrderFilter, OrderListArgs } from './dto/order-list.args';
import { OrderEventModel } from './models/order-event.model';
import { OrderModel, type OrderRequest } from './models/order.model';
import { enqueueOrder } from './order-jobs';

const SORTABLE: Record<string, string> = {
  status: 'o.status',
  action: 'o.action',
  target: 'o.target',
  createdAt: 'o.createdAt',
  updatedAt: 'o.updatedAt',
  id: 'o.id',
};

/** Statuses in which an order still waits for or gets work: an instance has at most one such order. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [OrderStatus.Submitted, OrderStatus.PendingApproval, OrderStatus.Approved, OrderStatus.Provisioning];

const MAX_REASON = 2000;

/**
 * Reading orders and the decisions people make on them: approve, reject, cancel, retry.
 * Each decision locks the order, checks its status (refusing with the current one), moves
 * it with an event and, in the same transaction, gives back or takes quota and writes the
 * worker's job.
 */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: OrderListArgs): Promise<OrderModel[]> {
    const window = listWindow(args, SORTABLE, 'createdAt');
    const orders = await applyWindow(await this.scopedQuery(user, args.filter), window).getMany();
    return orders.map(OrderModel.from);
  }

  async count(user: AuthUser, args: OrderListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<OrderModel> {
    return OrderModel.from(await this.readable(user, id));
  }

  /** Each order's transitions, oldest first, with the email of the people who made them: two queries for any number of orders. */
  async eventsOf(orderIds: readonly string[]): Promise<Map<string, OrderEventModel[]>> {
    const events = orderIds.length > 0 ? await this.db.getRepository(OrderEventEntity).find({ where: { orderId: In([...orderIds]) }, order: { id: 'ASC' } }) : [];
    const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => id !== null))];
    const users = actorIds.length > 0 ? await this.db.getRepository(UserEntity).find({ where: { id: In(actorIds) }, select: { id: true, email: true } }) : [];
    const emails = new Map(users.map((user) => [user.id, user.email]));
    const byOrder = new Map<string, OrderEventModel[]>();
    for (const event of events) {
      const ofOrder = byOrder.get(event.orderId) ?? [];
      ofOrder.push(OrderEventModel.from(event, event.actorId ? (emails.get(event.actorId) ?? null) : null));
      byOrder.set(event.orderId, ofOrder);
    }
    return byOrder;
  }

  /** Operators approve an order waiting for them; the worker starts on it. */
  async approve(user: AuthUser, id: string, reason: string | null | undefined): Promise<OrderModel> {
    const note = optionalReason(reason);
    await this.decide(user, id, async (manager, order) => {
      this.access.assertOperator(user, 'approve orders');
      expectStatus(order, [OrderStatus.PendingApproval], OrderStatus.Approved);
      await transitionOrder(manager, order, OrderStatus.Approved, actorOf(user), note ?? 'Approved by a platform operator.');
      await enqueueOrder(manager, order);
    });
    return this.get(user, id);
  }

  /** Operators reject with a reason; the reservation goes back and a new instance is never made. */
  async reject(user: AuthUser, id: string, reason: string): Promise<OrderModel> {
    const why = reason.trim();
    if (why.length < 3 || why.length > MAX_REASON) throw AppException.badInput('reason', `reason must be 3 to ${MAX_REASON} characters: tell the tenant why, so they can act on it.`);
    await this.decide(user, id, async (manager, order) => {
      this.access.assertOperator(user, 'reject orders');
      expectStatus(order, [OrderStatus.Submitted, OrderStatus.PendingApproval], OrderStatus.Rejected);
      await transitionOrder(manager, order, OrderStatus.Rejected, actorOf(user), why);
      await this.undo(manager, order, `The order was rejected: ${why}`);
    });
    return this.get(user, id);
  }

  /**
   * The tenant's managers (and operators) cancel an order until the worker starts on it, which
   * includes a space order waiting (APPROVED) for room on a cluster: nothing has been applied
   * then. The worker starts an order with a conditional APPROVED -> PROVISIONING, so of a cancel
   * and a start at the same moment exactly one changes the order.
   */
  async cancel(user: AuthUser, id: string): Promise<OrderModel> {
    await this.decide(user, id, async (manager, order) => {
      await this.access.assertCanManage(user, order.tenantId, 'cancel orders of this tenant');
      expectStatus(order, [OrderStatus.Submitted, OrderStatus.PendingApproval, OrderStatus.Approved], OrderStatus.Cancelled);
      await transitionOrder(manager, order, OrderStatus.Cancelled, actorOf(user), 'Cancelled before provisioning started.');
      await this.undo(manager, order, 'The order was cancelled before anything was made.');
    });
    return this.get(user, id);
  }

  /**
   * Operators retry a FAILED order: it is APPROVED again with the next attempt number (a new
   * job id), and reserves its quota again, which has to fit like a new order.
   */
  async retry(user: AuthUser, id: string): Promise<OrderModel> {
    await this.decide(user, id, async (manager, order) => {
      this.access.assertOperator(user, 'retry orders');
      expectStatus(order, [OrderStatus.Failed], OrderStatus.Approved);
      await this.assertTargetRetriable(manager, order);
      await this.reserveAgain(manager, order);
      order.attempt += 1;
      await manager.getRepository(OrderEntity).update({ id: order.id }, { attempt: order.attempt });
      await transitionOrder(manager, order, OrderStatus.Approved, actorOf(user), `Retried by a platform operator (attempt ${order.attempt}).`);
      await this.markTargetInProgress(manager, order);
      await enqueueOrder(manager, order);
    });
    return this.get(user, id);
  }

  /** An order the caller may read, or NOT_FOUND (another tenant's order looks missing). */
  async readable(user: AuthUser, id: string): Promise<OrderEntity> {
    const order = isUuid(id) ? await this.db.getRepository(OrderEntity).findOneBy({ id }) : null;
    if (!order) throw AppException.notFound('Order', id);
    await this.access.assertCanRead(user, order.tenantId).catch(() => {
      throw AppException.notFound('Order', id);
    });
    return order;
  }

  /** Locks the order for the decision; NOT_FOUND unless the caller can read it. */
  private async decide(user: AuthUser, id: string, decision: (manager: EntityManager, order: OrderEntity) => Promise<void>): Promise<void> {
    await this.readable(user, id);
    await this.db.transaction(async (manager) => {
      const order = await manager.getRepository(OrderEntity).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id }).getOneOrFail();
      await decision(manager, order);
    });
  }

  /** After a reject or cancel: give the reservation back and put the target back as it was. */
  private async undo(manager: EntityManager, order: OrderEntity, reason: string): Promise<void> {
    await releaseForOrder(manager, order.id);
    const request = order.request as OrderRequest;
    if (order.target === OrderTarget.Space && order.action === OrderAction.Create && order.spaceId) {
      await manager.getRepository(SpaceEntity).update({ id: order.spaceId }, { status: SpaceStatus.Deleted, statusReason: reason });
    }
    if (order.target === OrderTarget.Space && order.action === OrderAction.Modify && order.spaceId) {
      // The space keeps its size and loses the reason it was waiting with; nothing held room for the new size yet.
      await manager.getRepository(SpaceEntity).update({ id: order.spaceId }, { statusReason: null, resizingTo: null });
    }
    if (order.target === OrderTarget.Space && order.action === OrderAction.Delete && order.spaceId) {
      await manager.getRepository(SpaceEntity).update({ id: order.spaceId }, { status: (request.previousStatus as SpaceStatus | undefined) ?? SpaceStatus.Active, statusReason: null });
    }
    if (order.target !== OrderTarget.Instance || !order.instanceId) return;
    const instances = manager.getRepository(InstanceEntity);
    if (order.action === OrderAction.Create) await instances.update({ id: order.instanceId }, { status: InstanceStatus.Deleted, statusReason: reason });
    if (order.action === OrderAction.Delete) {
      await instances.update({ id: order.instanceId }, { status: (request.previousStatus as InstanceStatus | undefined) ?? InstanceStatus.Active, statusReason: null });
    }
  }

  private async assertTargetRetriable(manager: EntityManager, order: OrderEntity): Promise<void> {
    if (order.target === OrderTarget.Space && order.spaceId) {
      const space = await manager.getRepository(SpaceEntity).findOneBy({ id: order.spaceId });
      if (!space || space.status === SpaceStatus.Deleted) throw AppException.conflict('The space of this order was deleted meanwhile; there is nothing to retry. Submit a new order instead.', { status: order.status });
      const open = await manager.getRepository(OrderEntity).findOne({ where: { spaceId: order.spaceId, target: OrderTarget.Space, status: In([...OPEN_ORDER_STATUSES]) } });
      if (open) throw AppException.conflict(`Order ${open.id} for the same space is ${describeEnumValue(open.status)}; retry this one when it is done.`, { status: order.status, orderId: open.id });
    }
    if (order.target !== OrderTarget.Instance || !order.instanceId) return;
    const instance = await manager.getRepository(InstanceEntity).findOneBy({ id: order.instanceId });
    if (!instance || instance.status === InstanceStatus.Deleted) {
      throw AppException.conflict(`The instance of this order was deleted meanwhile; there is nothing to retry. Submit a new order instead.`, { status: order.status });
    }
    const open = await manager.getRepository(OrderEntity).findOne({ where: { instanceId: order.instanceId, status: In([...OPEN_ORDER_STATUSES]) } });
    if (open) throw AppException.conflict(`Order ${open.id} for the same instance is ${describeEnumValue(open.status)}; retry this one when it is done.`, { status: order.status, orderId: open.id });
  }

  private async reserveAgain(manager: EntityManager, order: OrderEntity): Promise<void> {
    await this.assertFitsSpaceAgain(manager, order);
    const reserved = allocationShare(order.target, reservedBy(order));
    if (isZeroQuota(reserved)) return;
    const tenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: order.tenantId });
    const region = await this.regionOf(manager, order, tenant.region);
    if (await reReserveForOrder(manager, { orderId: order.id, tenantId: tenant.id, region, delta: reserved })) return;
    const allocation = await findAllocation(manager, tenant.id, region);
    const shortfalls = allocation ? quotaShortfalls(allocationLimits(allocation), allocationInUse(allocation), reserved) : [];
    throw AppException.quotaExceeded('id', `${tenant.name}: retrying needs its quota again. ${formatQuotaShortfalls(shortfalls)}`, shortfalls);
  }

  /**
   * A retried instance resize needs its growth free in the space again: while it was FAILED it
   * held none. (A retried create's instance kept counting in its space while FAILED.)
   */
  private async assertFitsSpaceAgain(manager: EntityManager, order: OrderEntity): Promise<void> {
    if (order.target !== OrderTarget.Instance || order.action !== OrderAction.Modify || !order.spaceId) return;
    const reserved = reservedBy(order);
    const growth = quotaOf({ cpuMillicores: reserved.cpuMillicores, memoryMiB: reserved.memoryMiB, storageGiB: reserved.storageGiB });
    if (isZeroQuota(growth)) return;
    const space = await manager.getRepository(SpaceEntity).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id: order.spaceId }).getOneOrFail();
    const inUse = (await spaceInstancesUse(manager, [space.id])).get(space.id)!;
    const shortfalls = quotaShortfalls(quotaOf(await spaceRoomSize(manager, space)), quotaOf(inUse), growth);
    if (shortfalls.length > 0) throw AppException.quotaExceeded('id', `Retrying needs the growth free again. ${formatSpaceShortfalls(space.name, shortfalls)}`, shortfalls, { spaceId: space.id });
  }

  private async regionOf(manager: EntityManager, order: OrderEntity, fallback: string): Promise<string> {
    if (!order.spaceId) return fallback;
    const space = await manager.getRepository(SpaceEntity).findOneBy({ id: order.spaceId });
    return space?.region ?? fallback;
  }

  private async markTargetInProgress(manager: EntityManager, order: OrderEntity): Promise<void> {
    if (order.target === OrderTarget.Space && order.spaceId) {
      // A resize keeps the space ACTIVE at its old size until the new one is applied.
      const status = order.action === OrderAction.Create ? SpaceStatus.Provisioning : order.action === OrderAction.Delete ? SpaceStatus.Decommissioning : undefined;
      if (status) await manager.getRepository(SpaceEntity).update({ id: order.spaceId }, { status, statusReason: 'Retrying.' });
    }
    if (order.target === OrderTarget.Instance && order.instanceId) {
      const status = order.action === OrderAction.Create ? InstanceStatus.Provisioning : order.action === OrderAction.Delete ? InstanceStatus.Decommissioning : undefined;
      if (status) await manager.getRepository(InstanceEntity).update({ id: order.instanceId }, { status, statusReason: 'Retrying.' });
    }
  }

  private async scopedQuery(user: AuthUser, filter: OrderFilter | undefined): Promise<SelectQueryBuilder<OrderEntity>> {
    const query = this.db.getRepository(OrderEntity).createQueryBuilder('o');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('o.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('o.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    for (const [column, value] of [
      ['tenant_id', filter?.tenantId],
      ['space_id', filter?.spaceId],
      ['instance_id', filter?.instanceId],
    ] as const) {
      if (value) query.andWhere(`o.${column} = :${column}`, { [column]: isUuid(value) ? value : null });
    }
    if (filter?.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter?.action) query.andWhere('o.action = :action', { action: filter.action });
    if (filter?.target) query.andWhere('o.target = :target', { target: filter.target });
    if (filter?.q?.trim()) {
      query.andWhere(`(o.request->>'name' ILIKE :q OR o.request->>'slug' ILIKE :q OR o.status_reason ILIKE :q)`, { q: `%${escapeLike(filter.q.trim())}%` });
    }
    return query;
  }
}

/** What an order reserved at submit: a space's size and one space, or an instance order's growing part. */
export function reservedBy(order: Pick<OrderEntity, 'target' | 'request'>): QuotaAmounts {
  const request = order.request as OrderRequest;
  if (request.reserved) return request.reserved;
  if (order.target === OrderTarget.Space && typeof request.cpuMillicores === 'number') {
    return quotaOf({ cpuMillicores: request.cpuMillicores, memoryMiB: request.memoryMiB, storageGiB: request.storageGiB, spaces: 1 });
  }
  return quotaOf({});
}

function actorOf(user: AuthUser) {
  return { kind: OrderEventActor.User, id: user.id };
}

function optionalReason(reason: string | null | undefined): string | null {
  const note = reason?.trim() || null;
  if (note && note.length > MAX_REASON) throw AppException.badInput('reason', `reason must be at most ${MAX_REASON} characters.`);
  return note;
}

/** CONFLICT naming the current status (and what it may become) unless the order is in one of `allowed`. */
function expectStatus(order: OrderEntity, allowed: readonly OrderStatus[], to: OrderStatus): void {
  if (allowed.includes(order.status)) return;
  const next = nextOrderStatuses(order.status);
  const status = describeEnumValue(order.status);
  const hint = next.length > 0 ? ` (from ${status} it can become ${next.map(describeEnumValue).join(', ')})` : '';
  throw AppException.conflict(`Order ${order.id} is ${status}; it cannot become ${describeEnumValue(to)}${hint}.`, { status: order.status });
}
