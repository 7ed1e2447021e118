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
} from '@nprod/database';
import { OrderAction, OrderStatus, OrderTarget, admitResize, placeSpace, type ResourceAmounts } from '@nprod/domain';
import { writeOutboxJob } from '@nprod/jobs';
import { DataSource, In } from 'typeorm';
import { ClusterRegistryService, type ConnectedCluster } from './cluster-registry.service';

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
   */
  async admitResize(spaceId: string, size: ResourceAmounts): Promise<{ ok: true } | { ok: false; reason: string }> {
    return this.db.transaction(async (manager) => {
      await lockClusterPlacement(manager);
      const space = await manager.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId });
      if (!space.clusterId) throw new Error(`Space ${space.namespace} has no cluster; only a placed space can be resized.`);
      const cluster = await manager.getRepository(ClusterEntity).findOneByOrFail({ id: space.clusterId });
      const reserved = (await clusterReservations(manager, [cluster.id])).get(cluster.id) ?? NOTHING_RESERVED;
      const decision = admitResize({ name: cluster.name, capacity: clusterCapacity(cluster), reserved }, countedSize(space), size);
      if (decision.ok) await manager.getRepository(SpaceEntity).update({ id: space.id }, { resizingTo: size });
      return decision;
    });
  }

  /**
   * Leaves the order waiting (not failed) with the reason on the space and the order; an
   * order event records each distinct reason once, however often the placement is retried.
   */
  async wait(order: Pick<OrderEntity, 'id' | 'status'>, spaceId: string, reason: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.getRepository(SpaceEntity).update({ id: spaceId }, { statusReason: reason });
      await manager.getRepository(OrderEntity).update({ id: order.id }, { statusReason: reason });
      const last = await manager.getRepository(OrderEventEntity).findOne({ where: { orderId: order.id }, order: { id: 'DESC' } });
      if (last?.reason === reason) return;
      await manager.getRepository(OrderEventEntity).insert({ orderId: order.id, fromStatus: order.status, toStatus: order.status, actorKind: OrderEventActor.Worker, actorId: null, reason });
    });
    this.logger.log({ msg: 'space order waits', orderId: order.id, reason });
  }

  /** The order goes ahead: it no longer waits, so neither it nor its space shows the waiting reason, and retryWaiting leaves it alone. */
  async proceed(order: Pick<OrderEntity, 'id' | 'statusReason'>, spaceId: string): Promise<void> {
    if (order.statusReason === null) return;
    await this.db.transaction(async (manager) => {
      await manager.getRepository(OrderEntity).update({ id: order.id, status: OrderStatus.Provisioning }, { statusReason: null });
      await manager.getRepository(SpaceEntity).update({ id: spaceId }, { statusReason: null });
    });
    order.statusReason = null;
  }

  /**
   * Queues every space order that waits (for a cluster, for room to grow, for an old namespace
   * to go) again; each run re-reads the order and goes ahead if it can. A PROVISIONING order has
   * a status reason only while it waits: the worker's move to PROVISIONING clears it, and so does proceed.
   */
  async retryWaiting(): Promise<number> {
    const waiting = await this.db
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.target = :target AND o.action IN (:...actions) AND o.status = :status AND o.status_reason IS NOT NULL', {
        target: OrderTarget.Space,
        actions: [OrderAction.Create, OrderAction.Modify],
        status: OrderStatus.Provisioning,
      })
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
