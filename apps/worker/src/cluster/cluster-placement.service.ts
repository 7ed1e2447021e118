import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ClusterEntity,
  NOTHING_RESERVED,
  OrderEntity,
  OrderEventActor,
  OrderEventEntity,
  SpaceEntity,
  clusterCapacity,
  clusterReservations,
  countedSize,
  lockClusterPlacement,
  transitionOrder,
} from '@nprod/database';
import { OrderAction, OrderStatus, OrderTarget, SpaceStatus, admitResize, placeSpace, type ResourceAmounts } from '@nprod/domain';
import { writeOutboxJob } from '@nprod/jobs';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ClusterRegistryService, type ConnectedCluster } from './cluster-registry.service';

const WORKER = { kind: OrderEventActor.Worker };

export type SpacePlacement = { ok: true; cluster: ConnectedCluster } | { ok: false; reason: string };

/**
 * Puts new spaces on clusters with the domain rule (placeSpace) and admits the growth of
 * resized ones (admitResize), under one lock so two spaces placed or grown at once cannot both
 * take the last room, and brings waiting space orders back when room may have appeared
 * (docs/decisions/0010).
 */
@Injectable()
export class ClusterPlacementService {
  private readonly logger = new Logger(ClusterPlacementService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ClusterRegistryService) private readonly registry: ClusterRegistryService,
  ) {}

  /**
   * The space's cluster: the one it was placed on, or a new placement in its region among
   * the clusters this worker holds. `ok: false` carries the reason it has to wait.
   */
  async place(spaceId: string): Promise<SpacePlacement> {
    const placed = await this.db.transaction(async (manager) => {
      await lockClusterPlacement(manager);
      const space = await manager.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId });
      if (space.clusterId) return { ok: true as const, clusterId: space.clusterId };
      // Its order was cancelled since the job read it: a cancelled space takes no room anywhere.
      if (space.status === SpaceStatus.Deleted) return { ok: false as const, reason: `Space ${space.namespace} was deleted; it is not placed.` };
      const held = this.registry.all();
      const rows = held.length > 0 ? await manager.getRepository(ClusterEntity).findBy({ id: In(held.map((cluster) => cluster.id)) }) : [];
      const reserved = await clusterReservations(manager, rows.map((row) => row.id));
      const decision = placeSpace(
        rows.map((row) => ({ ...row, capacity: clusterCapacity(row), reserved: reserved.get(row.id) ?? NOTHING_RESERVED })),
        { region: space.region, size: { cpuMillicores: space.cpuMillicores, memoryMiB: space.memoryMiB, storageGiB: space.storageGiB } },
      );
      if (!decision.ok) return decision;
      await manager.getRepository(SpaceEntity).update({ id: space.id }, { clusterId: decision.cluster.id });
      this.logger.log({ msg: 'space placed', spaceId: space.id, cluster: decision.cluster.name, region: space.region });
      return { ok: true as const, clusterId: decision.cluster.id };
    });
    if (!placed.ok) return placed;
    const cluster = this.registry.byId(placed.clusterId) ?? (await this.registry.refresh(), this.registry.byId(placed.clusterId));
    if (!cluster) throw new Error(`The space's cluster ${placed.clusterId} cannot be reached from this worker (its credentials cannot be opened here).`);
    return { ok: true, cluster };
  }

  /**
   * Holds room on the space's cluster for a resize to `size`: what it needs beyond what the
   * cluster already counts for the space must fit. Admitted, the space records the size it is
   * going to (`resizingTo`), which the cluster counts until the resize completes or fails.
   * Admitting the same resize again changes nothing; a shrink is always admitted.
   *
   * With `order`, admission is where provisioning starts: in the same transaction the order goes
   * from APPROVED to PROVISIONING (the conditional transition), so a cancel that won the race
   * leaves nothing held (`ok: false`, no reason: there is nothing to wait for), and one that comes
   * later is refused because the order is PROVISIONING. An order already PROVISIONING (a run
   * after a crash) holds its room since then: its growth beyond what is counted is nothing.
   */
  async admitResize(spaceId: string, size: ResourceAmounts, order?: Pick<OrderEntity, 'id' | 'status'>): Promise<{ ok: true } | { ok: false; reason: string | null }> {
    return this.db.transaction(async (manager) => {
      await lockClusterPlacement(manager);
      const space = await manager.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId });
      if (!space.clusterId) throw new Error(`Space ${space.namespace} has no cluster; only a placed space can be resized.`);
      const cluster = await manager.getRepository(ClusterEntity).findOneByOrFail({ id: space.clusterId });
      const reserved = (await clusterReservations(manager, [cluster.id])).get(cluster.id) ?? NOTHING_RESERVED;
      const decision = admitResize({ name: cluster.name, capacity: clusterCapacity(cluster), reserved }, countedSize(space), size);
      if (!decision.ok) return decision;
      if (order && !(await this.start(manager, order, spaceId))) return { ok: false as const, reason: null };
      await manager.getRepository(SpaceEntity).update({ id: space.id }, { resizingTo: size });
      return decision;
    });
  }

  /**
   * Leaves the order waiting (APPROVED, not failed) with the reason on the space and the order;
   * an order event (APPROVED -> APPROVED, by the worker) records each distinct reason once,
   * however often the placement is retried. An order that is no longer APPROVED (cancelled
   * meanwhile) is left alone, and so is its space. The order row is written before the space's,
   * in the order cancelOrder locks them, so the two never deadlock.
   */
  async wait(order: Pick<OrderEntity, 'id' | 'status'>, spaceId: string, reason: string): Promise<void> {
    const waits = await this.db.transaction(async (manager) => {
      const updated = await manager.getRepository(OrderEntity).update({ id: order.id, status: OrderStatus.Approved }, { statusReason: reason });
      if (updated.affected !== 1) return false;
      await manager.getRepository(SpaceEntity).update({ id: spaceId }, { statusReason: reason });
      const last = await manager.getRepository(OrderEventEntity).findOne({ where: { orderId: order.id }, order: { id: 'DESC' } });
      if (last?.reason === reason && last.actorKind === OrderEventActor.Worker) return true;
      await manager.getRepository(OrderEventEntity).insert({ orderId: order.id, fromStatus: OrderStatus.Approved, toStatus: OrderStatus.Approved, actorKind: OrderEventActor.Worker, actorId: null, reason });
      return true;
    });
    if (waits) this.logger.log({ msg: 'space order waits', orderId: order.id, reason });
  }

  /**
   * Provisioning starts: the order goes APPROVED -> PROVISIONING (clearing the waiting reason on
   * it and its space) unless it already has. False when it was cancelled, or another run of the
   * job started it, meanwhile: this run must then change nothing.
   */
  async start(manager: EntityManager, order: Pick<OrderEntity, 'id' | 'status'>, spaceId: string): Promise<boolean> {
    if (order.status === OrderStatus.Provisioning) return true;
    if (!(await transitionOrder(manager, order, OrderStatus.Provisioning, WORKER))) return false;
    await manager.getRepository(SpaceEntity).update({ id: spaceId }, { statusReason: null });
    return true;
  }

  /**
   * Queues every space order that waits (for a cluster, for room to grow, for an old namespace
   * to go) again; each run re-reads the order and goes ahead if it can. A waiting order is
   * APPROVED and its last event is the worker's (wait's APPROVED -> APPROVED): approving or
   * retrying it is a person's event, and once the worker starts it, it is PROVISIONING.
   */
  async retryWaiting(): Promise<number> {
    const waiting = await this.db
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.target = :target AND o.action IN (:...actions) AND o.status = :status', {
        target: OrderTarget.Space,
        actions: [OrderAction.Create, OrderAction.Modify],
        status: OrderStatus.Approved,
      })
      .andWhere('(SELECT e.actor_kind FROM order_events e WHERE e.order_id = o.id ORDER BY e.id DESC LIMIT 1) = :worker', { worker: OrderEventActor.Worker })
      .select('o.id', 'id')
      .getRawMany<{ id: string }>();
    if (waiting.length === 0) return 0;
    const round = Date.now();
    await this.db.transaction(async (manager) => {
      // A new job id each round: BullMQ ignores an id it still holds (the finished first run).
      for (const { id } of waiting) await writeOutboxJob(manager, { name: 'space.provision', data: { orderId: id } }, `${id}-placement-${round}`);
    });
    this.logger.log({ msg: 'retrying waiting space orders', count: waiting.length });
    return waiting.length;
  }
}
