import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { OrderEntity, OrderEventActor, SpaceEntity, TenantEntity, releaseForOrder, transitionOrder } from '@nprod/database';
import { FIELD_MANAGER, OrderStatus, OrderTarget, SpaceStatus } from '@nprod/domain';
import { writeOutboxJob } from '@nprod/jobs';
import { KubeApiError, buildSpaceManifests } from '@nprod/kube';
import { DataSource, type EntityManager } from 'typeorm';
import { ClusterRegistryService } from '../cluster/cluster-registry.service';
import { SpaceAccessService } from '../rbac/space-access.service';
import type { JobAttempt } from '../jobs/job-handler';

const WORKER = { kind: OrderEventActor.Worker };

/** Thrown to make BullMQ retry later; the reason is also kept on the space so people see why it waits. */
class RetryLaterError extends Error {}

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SpaceAccessService) private readonly access: SpaceAccessService,
  ) {}

  async provision(orderId: string, attempt: JobAttempt): Promise<void> {
    const order = await this.db.getRepository(OrderEntity).findOneBy({ id: orderId });
    if (!order || !order.spaceId) {
      this.logger.warn({ msg: 'order to provision does not exist or has no space; nothing to do', orderId });
      return;
    }
    if (order.status === OrderStatus.Approved) await transitionOrder(this.db.manager, order, OrderStatus.Provisioning, WORKER);
    if (order.status !== OrderStatus.Provisioning) return;

    const space = await this.db.getRepository(SpaceEntity).findOneByOrFail({ id: order.spaceId });
    const tenant = await this.db.getRepository(TenantEntity).findOneByOrFail({ id: space.tenantId });
    try {
      const cluster = this.clusters.place(space.region);
      if (!cluster) {
        throw new RetryLaterError(`No cluster serves region ${space.region} yet; the space will be created once an operator registers one.`);
      }
      if (space.clusterId !== cluster.id) await this.db.getRepository(SpaceEntity).update({ id: space.id }, { clusterId: cluster.id });
      const manifests = await this.desired(space, tenant, order.id);
      await cluster.applier.apply(manifests, { fieldManager: FIELD_MANAGER });
      await cluster.applier.waitForReady(manifests, this.config.worker.provisionTimeoutSeconds * 1000);
    } catch (error) {
      await this.handleFailure(order, space, error, attempt);
      return;
    }
    await this.db.transaction(async (manager) => {
      await manager.getRepository(SpaceEntity).update({ id: space.id }, { status: SpaceStatus.Active, statusReason: null });
      await transitionOrder(manager, order, OrderStatus.Completed, WORKER, `Namespace ${space.namespace} is ready.`);
      // Memberships that changed while the namespace was being made were skipped by their
      // sync (the space was not ACTIVE yet); one more sync, now that it is, catches them.
      await writeOutboxJob(manager, { name: 'tenant.rbac.sync', data: { tenantId: space.tenantId } }, `rbac-${space.tenantId}-${order.id}`);
    });
  }

  /**
   * Re-applies an ACTIVE space's desired state (the periodic reconcile): a deleted
   * NetworkPolicy comes back, a changed ResourceQuota is set back. Serialised with the
   * RBAC sync of the same namespace, which applies the same RoleBindings.
   */
  async reconcile(space: SpaceEntity): Promise<void> {
    const cluster = space.clusterId ? this.clusters.byId(space.clusterId) : undefined;
    if (!cluster) return;
    await this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`nprod-rbac:${space.namespace}`]);
      const tenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: space.tenantId });
      const lastOrder = await manager.getRepository(OrderEntity).findOne({ where: { spaceId: space.id, target: OrderTarget.Space }, order: { createdAt: 'DESC' } });
      await cluster.applier.apply(await this.desired(space, tenant, lastOrder?.id ?? space.id, manager), { fieldManager: FIELD_MANAGER });
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
    const retriable = error instanceof RetryLaterError || !(error instanceof KubeApiError) || error.retriable;
    const reason = describeFailure(error);
    if (retriable && !attempt.isLast) {
      await this.db.getRepository(SpaceEntity).update({ id: space.id }, { statusReason: `Attempt ${attempt.number} failed, retrying: ${reason}` });
      throw error;
    }
    await this.db.transaction(async (manager) => {
      const failed = await transitionOrder(manager, order, OrderStatus.Failed, WORKER, reason);
      if (!failed) return;
      await manager.getRepository(SpaceEntity).update({ id: space.id }, { status: SpaceStatus.Failed, statusReason: reason });
      // Idempotent: the order's reservation is released once, however often failure is handled.
      await releaseForOrder(manager, order.id);
    });
    this.logger.warn({ msg: 'space order failed', orderId: order.id, reason });
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof KubeApiError) return `The Kubernetes API refused the change (${error.status} ${error.reason}): ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
