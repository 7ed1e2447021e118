import type { Queue } from 'bullmq';
import { defaultJobOptions, queueOfJob, type JobItem, type JobName, type QueueName } from './job-types';
import type { QueueBackend } from './queue-backend';

/** Adds typed jobs to their queues. Only the worker's outbox relay uses it: the api writes outbox rows. */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly backend: QueueBackend) {}

  async add<N extends JobName>(job: Extract<JobItem, { name: N }>, jobId: string): Promise<void> {
    await this.queue(queueOfJob[job.name]).add(job.name, job.data, { ...defaultJobOptions, jobId });
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.backend.createQueue(name);
      // Connection errors reach callers through add() and isReachable(); without a listener
      // the client would also print every reconnect attempt as an unhandled error.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** True when the queue backend answers; used by readiness probes. */
  async isReachable(name: QueueName): Promise<boolean> {
    try {
      await this.queue(name).getJobCounts('waiting');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
