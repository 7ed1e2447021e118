import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { JobProducer, QueueName } from '@nprod/jobs';

/** Id of the one BullMQ job scheduler; every worker upserts the same, so replicas share one schedule. */
export const RECONCILE_SCHEDULER_ID = 'platform-reconcile';

/** Keeps the periodic reconcile scheduled every RECONCILE_INTERVAL_SECONDS (0 removes the schedule). */
@Injectable()
export class ReconcileSchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReconcileSchedulerService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JobProducer) private readonly jobs: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.jobs.queue(QueueName.Reconcile);
    const seconds = this.config.worker.reconcileIntervalSeconds;
    try {
      if (seconds === 0) {
        await queue.removeJobScheduler(RECONCILE_SCHEDULER_ID);
        return;
      }
      await queue.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { every: seconds * 1000 }, { name: 'platform.reconcile', data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } });
      this.logger.log({ msg: 'periodic reconcile scheduled', everySeconds: seconds });
    } catch (error) {
      // The queue may be down at start; the schedule is kept in the queue, so the next start sets it.
      this.logger.warn({ msg: 'could not schedule the periodic reconcile', error: String(error) });
    }
  }
}
