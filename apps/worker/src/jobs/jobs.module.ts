import { Module } from '@nestjs/common';
import { ProvisionModule } from '../provision/provision.module';
import { SpaceProvisionerService } from '../provision/space-provisioner.service';
import { RbacModule } from '../rbac/rbac.module';
import { SpaceAccessService } from '../rbac/space-access.service';
import { JOB_HANDLERS, type JobHandlers } from './job-handler';
import { JobRunnerService } from './job-runner.service';

@Module({
  imports: [ProvisionModule, RbacModule],
  providers: [
    JobRunnerService,
    {
      provide: JOB_HANDLERS,
      inject: [SpaceProvisionerService, SpaceAccessService],
      useFactory: (spaces: SpaceProvisionerService, access: SpaceAccessService): JobHandlers => ({
        'space.provision': (data, attempt) => spaces.provision(data.orderId, attempt),
        'tenant.rbac.sync': (data) => access.syncTenant(data.tenantId),
      }),
    },
  ],
  exports: [JobRunnerService],
})
export class JobsModule {}
