/** Queue names. One queue per kind of work, so a slow cluster cannot starve notifications. */
export enum QueueName {
  Provision = 'provision',
}

/** Carry out a space order (create, resize, delete); the worker re-reads the order, so the payload is only its id. */
export interface ProvisionSpaceJob {
  name: 'space.provision';
  data: {
    /** Order to carry out; also the BullMQ job id, so a relayed duplicate is ignored. */
    orderId: string;
  };
}

/** Every job the platform runs: the contract between the api (producer) and the worker (processors). */
export type JobItem = ProvisionSpaceJob;
export type JobName = JobItem['name'];
export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/** Which queue each job goes to. Adding a job name without a queue is a compile error. */
export const queueOfJob: Record<JobName, QueueName> = {
  'space.provision': QueueName.Provision,
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
