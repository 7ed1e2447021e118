import { setTimeout as sleep } from 'node:timers/promises';
import type { KubernetesObject } from '@kubernetes/client-node';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import {
  InstanceEntity,
  OfferingVersionEntity,
  OrderEntity,
  OrderEventActor,
  SpaceEntity,
  TenantEntity,
  applyShrinkForOrder,
  holdsReservation,
  releaseForOrder,
  transitionOrder,
} from '@nprod/database';
import { FIELD_MANAGER, InstanceStatus, LABEL_INSTANCE, OrderAction, OrderStatus, mergeKubeObservations, quotaOf, type QuotaAmounts } from '@nprod/domain';
import { KubeApiError, KubeWaitTimeoutError, describeKubeObject, missingKubeObject, observeKubeObject, type KubeKind, type KubeObjectStatus } from '@nprod/kube';
import { DataSource, In } from 'typeorm';
import { ClusterRegistryService, type ConnectedCluster } from '../cluster/cluster-registry.service';
import type { JobAttempt } from '../jobs/job-handler';
import { InstanceDesiredStateService, type InstanceContext, type InstanceTarget } from './instance-desired-state.service';
import { recordKubeObjects } from './kube-objects-record';

const WORKER = { kind: OrderEventActor.Worker };

/** Every kind an instance is made of, in the order deletion removes them (workloads before what they use). */
export const INSTANCE_KINDS: readonly KubeKind[] = [
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
  { apiVersion: 'v1', kind: 'Secret' },
];

const OPEN_ORDER_STATUSES = [OrderStatus.Submitted, OrderStatus.PendingApproval, OrderStatus.Approved, OrderStatus.Provisioning];

/** Thrown to make BullMQ retry later (no cluster yet); the reason is kept on the instance meanwhile. */
class RetryLaterError extends Error {}

interface OrderRequestFields {
  planKey?: string;
  parameters?: Record<string, unknown>;
  footprint?: { cpuMillicores: number; memoryMiB: number; storageGiB: number };
  delta?: QuotaAmounts;
}

/**
 * Carries out instance orders, level-triggered like the space provisioner: it re-reads the
 * order, renders the desired objects, applies them with server-side apply under the one
 * field manager and waits for readiness. A second run of the same job changes nothing.
 */
@Injectable()
export class InstanceProvisionerService {
  private readonly logger = new Logger(InstanceProvisionerService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ClusterRegistryService) private readonly clusters: ClusterRegistryService,
    @Inject(InstanceDesiredStateService) private readonly desired: InstanceDesiredStateService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `instance.provision`: CREATE or MODIFY. */
  async provision(orderId: string, attempt: JobAttempt): Promise<void> {
    const order = await this.start(orderId);
    if (!order) return;
    const context = await this.context(order.instanceId!);
    const request = order.request as OrderRequestFields;
    const target: InstanceTarget = { planKey: request.planKey ?? context.instance.planKey, parameters: request.parameters ?? context.instance.parameters };
    let endpoints;
    let live: KubernetesObject[];
    let cluster: ConnectedCluster | undefined;
    let manifests: KubernetesObject[] = [];
    try {
      cluster = this.clusterOf(context.space);
      manifests = this.desired.manifests(context, target, order.id, { suspended: context.instance.suspendedAt !== null });
      await cluster.applier.apply(manifests, { fieldManager: FIELD_MANAGER });
      live = await cluster.applier.waitForReady(manifests, this.config.worker.provisionTimeoutSeconds * 1000);
      endpoints = this.desired.endpoints(manifests);
    } catch (error) {
      // What was not ready in time is what a person needs to see next to the failure.
      if (cluster && error instanceof KubeWaitTimeoutError) {
        await this.observeByReading(cluster, manifests)
          .then((observed) => recordKubeObjects(this.db.manager, InstanceEntity, context.instance, observed))
          .catch((readError: unknown) => this.logger.warn({ msg: 'could not record the objects of an instance that was not ready', instanceId: context.instance.id, error: String(readError) }));
      }
      await this.handleFailure(order, context, error, attempt);
      return;
    }
    const kubeObjects = mergeKubeObservations(context.instance.kubeObjects, live.map(observeKubeObject), new Date());
    await this.db.transaction(async (manager) => {
      if (!(await transitionOrder(manager, order, OrderStatus.Completed, WORKER, `Instance ${context.instance.name} is ready.`))) return;
      await manager.getRepository(InstanceEntity).update(
        { id: context.instance.id },
        {
          status: InstanceStatus.Active,
          statusReason: context.instance.suspendedAt ? context.instance.statusReason : null,
          planKey: target.planKey,
          parameters: target.parameters as never,
          ...(request.footprint ?? {}),
          endpoints,
          ...(kubeObjects ? { kubeObjects } : {}),
        },
      );
      // A resize gives nothing back to the allocation: it changes what the instance takes of its space
      // (the columns just written), and the allocation counts only the instance itself.
    });
  }

  /** `instance.delete`: removes everything labelled with the instance, waits until it is gone, then gives the quota back. */
  async delete(orderId: string, attempt: JobAttempt): Promise<void> {
    const order = await this.start(orderId);
    if (!order) return;
    const context = await this.context(order.instanceId!);
    const { instance, space } = context;
    try {
      const cluster = this.clusterOf(space);
      await this.removeObjects(cluster, space.namespace, instance.id);
    } catch (error) {
      await this.handleFailure(order, context, error, attempt);
      return;
    }
    await this.db.transaction(async (manager) => {
      if (!(await transitionOrder(manager, order, OrderStatus.Completed, WORKER, `Instance ${instance.name} and all its objects are deleted.`))) return;
      const current = await manager.getRepository(InstanceEntity).findOneByOrFail({ id: instance.id });
      await manager.getRepository(InstanceEntity).update({ id: instance.id }, { status: InstanceStatus.Deleted, statusReason: null, endpoints: [], kubeObjects: [] });
      // An instance whose creation failed gave its count back then; only a live one holds it. Its footprint
      // was in its space, which gets it back by the instance being DELETED.
      if (await holdsReservation(manager, current.createOrderId)) {
        const delta = quotaOf({ instances: -1 });
        await applyShrinkForOrder(manager, { orderId: order.id, tenantId: order.tenantId, region: space.region, delta });
      }
    });
  }

  /**
   * Re-applies one ACTIVE or DEGRADED instance (the periodic reconcile, a lease change) and
   * records whether it is ready, without waiting: DEGRADED with what is not ready, or ACTIVE.
   * Instances with an order under way are left to that order's job.
   */
  async reconcile(instanceId: string): Promise<void> {
    const instance = await this.db.getRepository(InstanceEntity).findOneBy({ id: instanceId });
    if (!instance || ![InstanceStatus.Active, InstanceStatus.Degraded].includes(instance.status)) return;
    if (await this.db.getRepository(OrderEntity).existsBy({ instanceId, status: In(OPEN_ORDER_STATUSES) })) return;
    const context = await this.context(instanceId);
    const cluster = context.space.clusterId ? this.clusters.byId(context.space.clusterId) : undefined;
    if (!cluster) return;
    const lastOrder = await this.db.getRepository(OrderEntity).findOne({ where: { instanceId, status: OrderStatus.Completed }, order: { updatedAt: 'DESC' } });
    const suspended = instance.suspendedAt !== null;
    const manifests = this.desired.manifests(context, { planKey: instance.planKey, parameters: instance.parameters }, lastOrder?.id ?? instance.createOrderId, { suspended });
    const live = await cluster.applier.apply(manifests, { fieldManager: FIELD_MANAGER });
    const kubeObjects = mergeKubeObservations(instance.kubeObjects, live.map(observeKubeObject), new Date());
    const changes: Partial<Pick<InstanceEntity, 'status' | 'statusReason' | 'kubeObjects'>> = kubeObjects ? { kubeObjects } : {};
    // A suspended instance runs no replicas on purpose; its status keeps saying why.
    if (!suspended) {
      const notReady = live.filter((object) => !cluster.applier.isReady(object)).map(describeKubeObject);
      const status = notReady.length > 0 ? InstanceStatus.Degraded : InstanceStatus.Active;
      const reason = notReady.length > 0 ? `Not ready: ${notReady.join(', ')}. The platform keeps re-applying it; if this lasts, check the workload's events and logs.` : null;
      if (status !== instance.status || reason !== instance.statusReason) Object.assign(changes, { status, statusReason: reason });
    }
    if (Object.keys(changes).length === 0) return;
    await this.db
      .getRepository(InstanceEntity)
      .createQueryBuilder()
      .update()
      .set(changes)
      .where('id = :id AND status IN (:...statuses)', { id: instanceId, statuses: [InstanceStatus.Active, InstanceStatus.Degraded] })
      .execute();
  }

  /** Reads each object (one GET each; only after a failed wait, never on the periodic path): live, or missing. */
  private async observeByReading(cluster: ConnectedCluster, manifests: readonly KubernetesObject[]): Promise<KubeObjectStatus[]> {
    const observed: KubeObjectStatus[] = [];
    for (const manifest of manifests) {
      const live = await cluster.applier.read(manifest);
      observed.push(live ? observeKubeObject(live) : missingKubeObject(manifest));
    }
    return observed;
  }

  /** The order, moved to PROVISIONING; undefined when there is nothing (more) to do. */
  private async start(orderId: string): Promise<OrderEntity | undefined> {
    const order = await this.db.getRepository(OrderEntity).findOneBy({ id: orderId });
    if (!order?.instanceId) {
      this.logger.warn({ msg: 'instance order does not exist or has no instance; nothing to do', orderId });
      return undefined;
    }
    if (order.status === OrderStatus.Approved) await transitionOrder(this.db.manager, order, OrderStatus.Provisioning, WORKER);
    return order.status === OrderStatus.Provisioning ? order : undefined;
  }

  private async context(instanceId: string): Promise<InstanceContext> {
    const instance = await this.db.getRepository(InstanceEntity).findOneByOrFail({ id: instanceId });
    const [space, tenant, version] = await Promise.all([
      this.db.getRepository(SpaceEntity).findOneByOrFail({ id: instance.spaceId }),
      this.db.getRepository(TenantEntity).findOneByOrFail({ id: instance.tenantId }),
      this.db.getRepository(OfferingVersionEntity).findOneByOrFail({ id: instance.offeringVersionId }),
    ]);
    return { instance, space, tenant, version };
  }

  private clusterOf(space: SpaceEntity): ConnectedCluster {
    const cluster = space.clusterId ? this.clusters.byId(space.clusterId) : undefined;
    if (!cluster) throw new RetryLaterError(`Space ${space.namespace} is on a cluster this worker is not connected to; the order waits for a worker that is.`);
    return cluster;
  }

  /** Deletes by the instance label until a pass finds nothing (objects with finalizers take a while on a real cluster). */
  private async removeObjects(cluster: ConnectedCluster, namespace: string, instanceId: string): Promise<void> {
    const deadline = Date.now() + this.config.worker.provisionTimeoutSeconds * 1000;
    const selector = `${LABEL_INSTANCE}=${instanceId}`;
    for (;;) {
      if ((await cluster.applier.deleteByLabel(namespace, INSTANCE_KINDS, selector)) === 0) return;
      if (Date.now() > deadline) {
        throw new KubeWaitTimeoutError(`objects labelled ${selector} in ${namespace} still exist after ${this.config.worker.provisionTimeoutSeconds} s`, [selector]);
      }
      await sleep(500);
    }
  }

  /** Retries what can heal; fails the order at once (or after the last retry) with a reason a person can act on. */
  private async handleFailure(order: OrderEntity, context: InstanceContext, error: unknown, attempt: JobAttempt): Promise<void> {
    const reason = describeFailure(error);
    const instances = this.db.getRepository(InstanceEntity);
    if (isRetriable(error) && !attempt.isLast) {
      await instances.update({ id: context.instance.id }, { statusReason: `Attempt ${attempt.number} failed, retrying: ${reason}` });
      throw error;
    }
    const failed = await this.db.transaction(async (manager) => {
      if (!(await transitionOrder(manager, order, OrderStatus.Failed, WORKER, reason))) return false;
      // Idempotent: the order's reservation is released once, however often failure is handled.
      await releaseForOrder(manager, order.id);
      const update =
        order.action === OrderAction.Create
          ? { status: InstanceStatus.Failed, statusReason: `Creating it failed: ${reason}` }
          : order.action === OrderAction.Modify
            ? { status: InstanceStatus.Degraded, statusReason: `The change to plan ${(order.request as OrderRequestFields).planKey} failed: ${reason} It keeps its previous plan, which the platform re-applies.` }
            : { status: InstanceStatus.Failed, statusReason: `Decommissioning failed: ${reason} A platform operator can retry the order.` };
      await manager.getRepository(InstanceEntity).update({ id: context.instance.id }, update);
      return true;
    });
    this.logger.warn({ msg: 'instance order failed', orderId: order.id, action: order.action, reason });
    // A failed creation leaves nothing half-made behind: what was applied is removed (best effort; a retry applies it again).
    if (failed && order.action === OrderAction.Create) {
      const cluster = context.space.clusterId ? this.clusters.byId(context.space.clusterId) : undefined;
      await cluster?.applier.deleteByLabel(context.space.namespace, INSTANCE_KINDS, `${LABEL_INSTANCE}=${context.instance.id}`).catch((cleanup: unknown) => {
        this.logger.warn({ msg: 'could not remove the objects of a failed instance', instanceId: context.instance.id, error: String(cleanup) });
      });
    }
  }
}

/** Transient: API server 429/409/5xx and network failures, a missing cluster, database hiccups. Never: invalid objects, timeouts, bad input. */
function isRetriable(error: unknown): boolean {
  if (error instanceof RetryLaterError) return true;
  if (error instanceof KubeApiError) return error.retriable;
  if (error instanceof KubeWaitTimeoutError || error instanceof RangeError) return false;
  return true;
}

function describeFailure(error: unknown): string {
  if (error instanceof KubeApiError) return `The Kubernetes API refused the change (${error.status} ${error.reason}): ${error.message}.`;
  if (error instanceof KubeWaitTimeoutError) {
    return `Not ready in time (${error.message}). Check the workload's events and logs in the namespace, or ask a platform operator to raise PROVISION_TIMEOUT_SECONDS.`;
  }
  return error instanceof Error ? error.message : String(error);
}
