import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { QueueName, createQueueBackend, queueOfJob, type JobName } from '@nprod/jobs';
import type { Job, Worker } from 'bullmq';
import { JOB_HANDLERS, type JobHandler, type JobHandlers } from './job-handler';

/** Runs a BullMQ worker per queue and dispatches each job to the handler for its name. */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunnerService.name);
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandlers,
  ) {}

  onApplicationBootstrap(): void {
    const backend = createQueueBackend(this.config.queue);
    // A job stalls when its worker stops renewing the lock (it died); the next stalled check
    // of another worker puts it back, and that worker runs it again from the database's state.
    const stalledInterval = this.config.worker.stalledIntervalMs;
    for (const queue of Object.values(QueueName)) {
      const worker = backend.createWorker(queue, (job) => this.run(job), {
        concurrency: this.config.worker.concurrency,
        stalledInterval,
        lockDuration: stalledInterval * 2,
        maxStalledCount: 3,
      });
      worker.on('failed', (job, error) => this.logger.warn({ msg: 'job attempt failed', queue, jobId: job?.id, attempt: job?.attemptsMade, error: error.message }));
      worker.on('error', (error) => this.logger.error({ msg: 'queue worker error', queue, error: error.message }));
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  /** True while every queue worker is connected and running. */
  isRunning(): boolean {
    return this.workers.length > 0 && this.workers.every((worker) => worker.isRunning());
  }

  private async run(job: Job): Promise<void> {
    const name = job.name as JobName;
    if (!(name in queueOfJob)) throw new Error(`No handler for job "${job.name}": add it to JobItem in libs/jobs and to the worker's JOB_HANDLERS.`);
    const handler = this.handlers[name] as JobHandler<JobName>;
    const attempts = job.opts.attempts ?? 1;
    const started = Date.now();
    await handler(job.data, { number: job.attemptsMade + 1, isLast: job.attemptsMade + 1 >= attempts });
    this.logger.log({ msg: 'job done', job: job.name, jobId: job.id, ms: Date.now() - started });
  }
}
