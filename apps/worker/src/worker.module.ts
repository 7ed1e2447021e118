import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@nprod/config';
import { dataSourceOptions } from '@nprod/database';
import { JobProducer, createQueueBackend } from '@nprod/jobs';
import { ClusterModule } from './cluster/cluster.module';
import { JobsModule } from './jobs/jobs.module';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { ReconcileSchedulerService } from './reconcile/reconcile-scheduler.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), TypeOrmModule.forRoot(dataSourceOptions({ url: config.databaseUrl, poolSize: config.worker.concurrency + 4 })), ClusterModule, JobsModule],
      providers: [
        { provide: JobProducer, inject: [APP_CONFIG], useFactory: (appConfig: AppConfig) => new JobProducer(createQueueBackend(appConfig.queue)) },
        OutboxRelayService,
        ReconcileSchedulerService,
      ],
      exports: [JobProducer],
    };
  }
}
