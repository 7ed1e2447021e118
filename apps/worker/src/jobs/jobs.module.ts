import { Module } from '@nestjs/common';
import { ProvisionModule } from '../provision/provision.module';
import { SpaceProvisionerService } from '../provision/space-provisioner.service';
import { JOB_HANDLERS, type JobHandlers } from './job-handler';
import { JobRunnerService } from './job-runner.service';

@Module({
  imports: [ProvisionModule],
  providers: [
    JobRunnerService,
    {
      provide: JOB_HANDLERS,
      inject: [SpaceProvisionerService],
      useFactory: (spaces: SpaceProvisionerService): JobHandlers => ({
        'space.provision': (data, attempt) => spaces.provision(data.orderId, attempt),
      }),
    },
  ],
  exports: [JobRunnerService],
})
export class JobsModule {}
