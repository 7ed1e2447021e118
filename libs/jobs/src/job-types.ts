/** Queue names. One queue per kind of work, so a slow cluster cannot starve notifications. */
export enum QueueName {
  Provision = 'provision',
  /** Kubernetes RBAC that follows tenant memberships; apart from provisioning so access changes never wait behind a slow namespace. */
  Rbac = 'rbac',
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

/** Every job the platform runs: the contract between the api (producer) and the worker (processors). */
export type JobItem = ProvisionSpaceJob | SyncTenantRbacJob;
export type JobName = JobItem['name'];
export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/** Which queue each job goes to. Adding a job name without a queue is a compile error. */
export const queueOfJob: Record<JobName, QueueName> = {
  'space.provision': QueueName.Provision,
  'tenant.rbac.sync': QueueName.Rbac,
};

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
