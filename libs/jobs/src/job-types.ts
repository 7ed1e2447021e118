/** Queue names. One queue per kind of work, so a slow cluster cannot starve notifications. */
export enum QueueName {
  Provision = 'provision',
  /** Kubernetes RBAC that follows tenant memberships; apart from provisioning so access changes never wait behind a slow namespace. */
  Rbac = 'rbac',
  /** The periodic reconcile and per-instance re-applies; apart so a long sweep never delays new orders. */
  Reconcile = 'reconcile',
  /** Mail to people (lease notices); apart so a mail server outage only delays mail, never provisioning or the reconcile. */
  Notify = 'notify',
}

/** Carry out a space order (create, resize, delete); the worker re-reads the order, so the payload is only its id. */
export interface ProvisionSpaceJob {
  name: 'space.provision';
  data: {
    /** Order to carry out; also the BullMQ job id, so a relayed duplicate is ignored. */
    orderId: string;
  };
}

/**
 * Re-apply the RoleBindings of every active space of a tenant and of its subtree from the
 * current memberships (level-triggered: the worker re-reads them, so the payload is only the tenant).
 */
export interface SyncTenantRbacJob {
  name: 'tenant.rbac.sync';
  data: {
    /** Tenant whose memberships changed; its descendants' spaces are synced too (their bindings include this tenant's owners and admins). */
    tenantId: string;
  };
}

/**
 * Carry out an instance order that creates or changes an instance (CREATE, MODIFY): apply
 * the desired state from the order, wait for readiness, record endpoints. Level-triggered.
 */
export interface ProvisionInstanceJob {
  name: 'instance.provision';
  data: {
    /** Order to carry out. Job id: the order id, or `<orderId>-attempt-<n>` for an operator's retry n. */
    orderId: string;
  };
}

/** Carry out a DELETE order: remove everything labelled with the instance, wait until gone, then give the quota back. */
export interface DeleteInstanceJob {
  name: 'instance.delete';
  data: {
    /** Order to carry out. Job id as for instance.provision. */
    orderId: string;
  };
}

/** Re-apply one instance's desired state now (after a lease renewal), as the periodic reconcile would. */
export interface ReconcileInstanceJob {
  name: 'instance.reconcile';
  data: {
    instanceId: string;
  };
}

/**
 * The periodic sweep (a BullMQ job scheduler, RECONCILE_INTERVAL_SECONDS): re-applies every
 * ACTIVE space and every ACTIVE or DEGRADED instance, marks instances DEGRADED or ACTIVE by
 * readiness, and moves leases on (notice, suspend, delete).
 */
export interface ReconcileAllJob {
  name: 'platform.reconcile';
  data: Record<string, never>;
}

/**
 * An operator registered, changed or uncordoned a cluster: the worker reloads its clusters
 * (credentials, rate limit), probes the cluster, and retries the space orders waiting for room.
 */
export interface ClusterChangedJob {
  name: 'cluster.changed';
  data: {
    clusterId: string;
  };
}

/** What happened to a lease that its owners are told about. */
export type LeaseNoticeKind = 'ending' | 'suspended' | 'deleting';

/**
 * Mail the owners of an instance (the tenant's OWNERs and ADMINs and whoever ordered it) about
 * its lease. Written by the reconcile in the same transaction that records the step, so each
 * step is mailed once; the worker re-reads the instance and skips a notice the lease has moved past.
 */
export interface NotifyLeaseJob {
  name: 'notify.lease';
  data: {
    instanceId: string;
    /** `ending`: LEASE_NOTICE_DAYS before the end; `suspended`: at the end; `deleting`: after the grace period. */
    notice: LeaseNoticeKind;
    /** The lease end (ISO 8601) the notice is about; a renewal since then makes it stale. */
    leaseEndsAt: string;
  };
}

/** Every job the platform runs: the contract between the api (producer) and the worker (processors). */
export type JobItem = ProvisionSpaceJob | SyncTenantRbacJob | ProvisionInstanceJob | DeleteInstanceJob | ReconcileInstanceJob | ReconcileAllJob | ClusterChangedJob | NotifyLeaseJob;
export type JobName = JobItem['name'];
export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/** Which queue each job goes to. Adding a job name without a queue is a compile error. */
export const queueOfJob: Record<JobName, QueueName> = {
  'space.provision': QueueName.Provision,
  'tenant.rbac.sync': QueueName.Rbac,
  'instance.provision': QueueName.Provision,
  'instance.delete': QueueName.Provision,
  'instance.reconcile': QueueName.Reconcile,
  'platform.reconcile': QueueName.Reconcile,
  'cluster.changed': QueueName.Provision,
  'notify.lease': QueueName.Notify,
};

/**
 * BullMQ job id of an order's run: the order id for the first attempt, `<orderId>-attempt-<n>`
 * after an operator's retry (BullMQ ignores a job id it already holds, and ':' is reserved).
 */
export function orderJobId(orderId: string, attempt: number): string {
  return attempt <= 1 ? orderId : `${orderId}-attempt-${attempt}`;
}

/**
 * Retries for transient failures (API server 429/5xx, network). A job that cannot heal
 * fails the order itself instead of throwing, so these apply to transient errors only.
 */
export const defaultJobOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
