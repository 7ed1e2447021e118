import type { KubernetesObject } from '@kubernetes/client-node';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { OrderEntity, OrderEventActor, SpaceEntity, TenantEntity, applyShrinkForOrder, holdsReservation, releaseForOrder, transitionOrder } from '@nprod/database';
import { FIELD_MANAGER, OrderAction, OrderStatus, OrderTarget, SpaceStatus, formatQuotaAmount, type QuotaAmounts, type ResourceAmounts } from '@nprod/domain';
import { writeOutboxJob } from '@nprod/jobs';
import { KubeApiError, buildSpaceManifests, observeKubeObject } from '@nprod/kube';
import { DataSource, type EntityManager } from 'typeorm';
import { ClusterPlacementService } from '../cluster/cluster-placement.service';
import { ClusterRegistryService, type ConnectedCluster } from '../cluster/cluster-registry.service';
import { SpaceAccessService } from '../rbac/space-access.service';
import type { JobAttempt } from '../jobs/job-handler';
import { recordKubeObjects } from './kube-objects-record';

const WORKER = { kind: OrderEventActor.Worker };

/** What a space order's request holds for the worker (see OrderRequest in the api). */
interface SpaceOrderRequest {
  planKey?: string;
  /** MODIFY: the new size. */
  footprint?: ResourceAmounts;
  /** The whole signed change; its shrinking part is given back once done. */
  delta?: QuotaAmounts;
}

/**
 * Carries out a space order, level-triggered: it re-reads the order and the space, computes
 * the desired objects and applies them with server-side apply. Running it twice changes
 * nothing; a run after a crash finishes what the first one started.
 */
@Injectable()
export class SpaceProvisionerService {
  private readonly logger = new Logger(SpaceProvisionerService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ClusterRegistryService) private readonly clusters: ClusterRegistryService,
    @Inject(ClusterPlacementService) private readonly placement: ClusterPlacementService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SpaceAccessService) private readonly access: SpaceAccessService,
  ) {}

  async provision(orderId: string, attempt: JobAttempt): Promise<void> {
    const order = await this.db.getRepository(OrderEntity).findOneBy({ id: orderId });
    if (!order || !order.spaceId) {
      this.logger.warn({ msg: 'order to provision does not exist or has no space; nothing to do', orderId });
      return;
    }
    // APPROVED: not started yet, or waiting for room (cancellable meanwhile); PROVISIONING: started, maybe by a run that crashed.
    // Anything else (a cancelled order's retry among them) has nothing left to do.
    if (order.status !== OrderStatus.Approved && order.status !== OrderStatus.Provisioning) return;

    const space = await this.db.getRepository(SpaceEntity).findOneByOrFail({ id: order.spaceId });
    const tenant = await this.db.getRepository(TenantEntity).findOneByOrFail({ id: space.tenantId });
    if (order.action === OrderAction.Modify) return this.resize(order, space, tenant, attempt);
    if (order.action === OrderAction.Delete) return this.remove(order, space, attempt);
    let live: KubernetesObject[];
    try {
      const placement = await this.placement.place(space.id);
      // Nothing has room: the order waits (not fails) with the reason, and is retried when room may appear.
      if (!placement.ok) return await this.placement.wait(order, space.id, placement.reason);
      const { cluster } = placement;
      if (order.status === OrderStatus.Approved) {
        // A deleted space's namespace may still be terminating under the same name: content applied now would be refused, or deleted with it.
        const old = await cluster.applier.read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: space.namespace } });
        if (old?.metadata?.deletionTimestamp) {
          const reason = `Namespace ${space.namespace} (of a deleted space) is still being deleted on ${cluster.name}; the space is created there as soon as it is gone.`;
          return await this.placement.wait(order, space.id, reason);
        }
        // Nothing has been applied until here; from here on the order is PROVISIONING and can no longer be cancelled.
        if (!(await this.db.transaction((manager) => this.placement.start(manager, order, space.id)))) return;
      }
      const manifests = await this.desired(space, tenant, order.id);
      await cluster.applier.apply(manifests, { fieldManager: FIELD_MANAGER });
      live = await cluster.applier.waitForReady(manifests, this.config.worker.provisionTimeoutSeconds * 1000);
    } catch (error) {
      await this.handleFailure(order, space, error, attempt);
      return;
    }
    await this.db.transaction(async (manager) => {
      await manager.getRepository(SpaceEntity).update({ id: space.id }, { status: SpaceStatus.Active, statusReason: null });
      await recordKubeObjects(manager, SpaceEntity, space, live.map(observeKubeObject));
      await transitionOrder(manager, order, OrderStatus.Completed, WORKER, `Namespace ${space.namespace} is ready.`);
      // Memberships that changed while the namespace was being made were skipped by their
      // sync (the space was not ACTIVE yet); one more sync, now that it is, catches them.
      await writeOutboxJob(manager, { name: 'tenant.rbac.sync', data: { tenantId: space.tenantId } }, `rbac-${space.tenantId}-${order.id}`);
    });
  }

  /**
   * MODIFY: once its cluster has room for the growth (else the order waits with the reason),
   * re-applies the quota objects at the new size and waits, then records the size and gives
   * back what shrank.
   */
  private async resize(order: OrderEntity, space: SpaceEntity, tenant: TenantEntity, attempt: JobAttempt): Promise<void> {
    const request = order.request as SpaceOrderRequest;
    if (!request.footprint || !request.delta) throw new Error(`space order ${order.id} (MODIFY) has no new size in its request`);
    const size = request.footprint;
    let live: KubernetesObject[];
    try {
      const cluster = this.clusterOf(space);
      // Admitting the growth starts provisioning in the same transaction: a cancel wins before it or is refused after it.
      const admitted = await this.placement.admitResize(space.id, size, order);
      if (!admitted.ok) return admitted.reason === null ? undefined : await this.placement.wait(order, space.id, admitted.reason);
      const manifests = await this.desired({ ...space, ...size }, tenant, order.id);
      await cluster.applier.apply(manifests, { fieldManager: FIELD_MANAGER });
      live = await cluster.applier.waitForReady(manifests, this.config.worker.provisionTimeoutSeconds * 1000);
    } catch (error) {
      await this.handleFailure(order, space, error, attempt);
      return;
    }
    await this.db.transaction(async (manager) => {
      if (!(await transitionOrder(manager, order, OrderStatus.Completed, WORKER, `Namespace ${space.namespace} now has ${describeSize(size)}.`))) return;
      await manager.getRepository(SpaceEntity).update({ id: space.id }, { ...size, planKey: request.planKey ?? space.planKey, statusReason: null, resizingTo: null });
      await recordKubeObjects(manager, SpaceEntity, space, live.map(observeKubeObject));
      await applyShrinkForOrder(manager, { orderId: order.id, tenantId: order.tenantId, region: space.region, delta: request.delta! });
    });
    // Room the space gave back on its cluster may be what a waiting order needs.
    if (shrinks(space, size)) await this.placement.retryWaiting();
  }

  /**
   * DELETE: deletes the namespace (and with it everything in it), waits until it is gone,
   * then marks the space DELETED and gives its size and the space back to the allocation.
   */
  private async remove(order: OrderEntity, space: SpaceEntity, attempt: JobAttempt): Promise<void> {
    // A deletion never waits for room; a cancel that got in first leaves the space as it was.
    if (order.status === OrderStatus.Approved && !(await transitionOrder(this.db.manager, order, OrderStatus.Provisioning, WORKER))) return;
    try {
      // A space whose creation failed before it was placed has nothing on any cluster.
      if (space.clusterId) {
        const cluster = this.clusterOf(space);
        await cluster.applier.deleteNamespace(space.namespace);
        await cluster.applier.waitForNamespaceGone(space.namespace, this.config.worker.provisionTimeoutSeconds * 1000);
      }
    } catch (error) {
      await this.handleFailure(order, space, error, attempt);
      return;
    }
    await this.db.transaction(async (manager) => {
      if (!(await transitionOrder(manager, order, OrderStatus.Completed, WORKER, `Namespace ${space.namespace} and everything in it are deleted.`))) return;
      // Its objects are gone with the namespace; a record of them would describe nothing.
      await manager.getRepository(SpaceEntity).update({ id: space.id }, { status: SpaceStatus.Deleted, statusReason: null, kubeObjects: [], resizingTo: null });
      // A space whose creation failed gave its quota back then; only a live one holds any.
      const created = await manager.getRepository(OrderEntity).findOneBy({ spaceId: space.id, target: OrderTarget.Space, action: OrderAction.Create });
      const current = await manager.getRepository(SpaceEntity).findOneByOrFail({ id: space.id });
      if (created && (await holdsReservation(manager, created.id))) {
        const delta = { cpuMillicores: -current.cpuMillicores, memoryMiB: -current.memoryMiB, storageGiB: -current.storageGiB, spaces: -1, instances: 0 };
        await applyShrinkForOrder(manager, { orderId: order.id, tenantId: order.tenantId, region: space.region, delta });
      }
    });
    // The room the space held on its cluster is free now: orders waiting for it need not wait for the periodic retry.
    if (space.clusterId) await this.placement.retryWaiting();
  }

  private clusterOf(space: SpaceEntity): ConnectedCluster {
    const cluster = space.clusterId ? this.clusters.byId(space.clusterId) : undefined;
    if (!cluster) throw new Error(`Space ${space.namespace} is on a cluster this worker is not connected to; the order waits for a worker that is.`);
    return cluster;
  }

  /**
   * Re-applies an ACTIVE space's desired state (the periodic reconcile): a deleted
   * NetworkPolicy comes back, a changed ResourceQuota is set back. Serialised with the
   * RBAC sync of the same namespace, which applies the same RoleBindings. `listed` may be
   * stale (read a page ago), so the space is read again FOR SHARE: a resize being admitted,
   * completing or submitted meanwhile writes the row and so waits until this apply is done, and
   * one that did so before is seen here.
   */
  async reconcile(listed: SpaceEntity): Promise<void> {
    const cluster = listed.clusterId ? this.clusters.byId(listed.clusterId) : undefined;
    if (!cluster) return;
    await this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`nprod-rbac:${listed.namespace}`]);
      const space = await manager.getRepository(SpaceEntity).findOne({ where: { id: listed.id }, lock: { mode: 'pessimistic_read' } });
      // A resize under way (admitted) applies the new size itself; re-applying the old one would undo it.
      if (space?.status !== SpaceStatus.Active || space.resizingTo !== null) return;
      const tenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: space.tenantId });
      const lastOrder = await manager.getRepository(OrderEntity).findOne({ where: { spaceId: space.id, target: OrderTarget.Space }, order: { createdAt: 'DESC' } });
      const live = await cluster.applier.apply(await this.desired(space, tenant, lastOrder?.id ?? space.id, manager), { fieldManager: FIELD_MANAGER });
      await recordKubeObjects(manager, SpaceEntity, space, live.map(observeKubeObject));
    });
  }

  private async desired(space: SpaceEntity, tenant: TenantEntity, orderId: string, manager: EntityManager = this.db.manager) {
    return buildSpaceManifests({
      tenantSlug: tenant.slug,
      spaceSlug: space.slug,
      namespace: space.namespace,
      orderId,
      size: { cpuMillicores: space.cpuMillicores, memoryMiB: space.memoryMiB, storageGiB: space.storageGiB },
      ingressNamespace: this.config.kubernetes.ingressNamespace,
      users: await this.access.usersFor(manager, tenant.id),
    });
  }

  /** Retries what can heal; fails the order at once (or after the last retry) with a reason a person can act on. */
  private async handleFailure(order: OrderEntity, space: SpaceEntity, error: unknown, attempt: JobAttempt): Promise<void> {
    const retriable = !(error instanceof KubeApiError) || error.retriable;
    const reason = describeFailure(error);
    if (retriable && !attempt.isLast) {
      await this.db.getRepository(SpaceEntity).update({ id: space.id }, { statusReason: `Attempt ${attempt.number} failed, retrying: ${reason}` });
      throw error;
    }
    const failed = await this.db.transaction(async (manager) => {
      if (!(await transitionOrder(manager, order, OrderStatus.Failed, WORKER, reason))) return false;
      const update =
        order.action === OrderAction.Modify
          ? { statusReason: `The resize failed: ${reason} It keeps its previous size, which the platform re-applies.`, resizingTo: null }
          : order.action === OrderAction.Delete
            ? { status: SpaceStatus.Failed, statusReason: `Deleting it failed: ${reason} A platform operator can retry the order.` }
            : { status: SpaceStatus.Failed, statusReason: reason };
      await manager.getRepository(SpaceEntity).update({ id: space.id }, update);
      // Idempotent: the order's reservation is released once, however often failure is handled.
      await releaseForOrder(manager, order.id);
      return true;
    });
    if (!failed) return;
    this.logger.warn({ msg: 'space order failed', orderId: order.id, reason });
    // A failed space, or a resize given up, no longer holds room on its cluster.
    await this.placement.retryWaiting();
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof KubeApiError) return `The Kubernetes API refused the change (${error.status} ${error.reason}): ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Whether the new size is smaller than the space's current one in any dimension (room comes back on its cluster). */
function shrinks(current: ResourceAmounts, next: ResourceAmounts): boolean {
  return next.cpuMillicores < current.cpuMillicores || next.memoryMiB < current.memoryMiB || next.storageGiB < current.storageGiB;
}

function describeSize(size: ResourceAmounts): string {
  return `${formatQuotaAmount('cpuMillicores', size.cpuMillicores)}, ${formatQuotaAmount('memoryMiB', size.memoryMiB)} memory and ${formatQuotaAmount('storageGiB', size.storageGiB)} storage`;
}
