import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { JobProducer, createQueueBackend } from '@nprod/jobs';
import { HealthController } from './health.controller';

@Module({
  controllers: [HealthController],
  providers: [{ provide: JobProducer, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new JobProducer(createQueueBackend(config.queue)) }],
})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Inject(JobProducer) private readonly jobs: JobProducer) {}

  async onApplicationShutdown() {
    await this.jobs.close();
  }
}
