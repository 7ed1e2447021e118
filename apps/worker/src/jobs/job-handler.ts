import type { JobName, JobOf } from '@nprod/jobs';

/** What a handler learns about the attempt it runs in, to decide between retrying and failing for good. */
export interface JobAttempt {
  /** 1 for the first run. */
  number: number;
  isLast: boolean;
}

export type JobHandler<N extends JobName> = (data: JobOf<N>, attempt: JobAttempt) => Promise<void>;

/** One handler for every job name; a missing one is a compile error, not a job stuck in a queue. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
