import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { ClusterMonitorService } from '../cluster/cluster-monitor.service';
import { LeaseNoticeService } from '../notify/lease-notice.service';
import { NotifyModule } from '../notify/notify.module';
import { InstanceProvisionerService } from '../provision/instance-provisioner.service';
import { ProvisionModule } from '../provision/provision.module';
import { SpaceProvisionerService } from '../provision/space-provisioner.service';
import { RbacModule } from '../rbac/rbac.module';
import { SpaceAccessService } from '../rbac/space-access.service';
import { ReconcileModule } from '../reconcile/reconcile.module';
import { ReconcileService } from '../reconcile/reconcile.service';
import { JOB_HANDLERS, type JobHandlers } from './job-handler';
import { JobRunnerService } from './job-runner.service';

@Module({
  imports: [ClusterModule, ProvisionModule, RbacModule, ReconcileModule, NotifyModule],
  providers: [
    JobRunnerService,
    {
      provide: JOB_HANDLERS,
      inject: [SpaceProvisionerService, SpaceAccessService, InstanceProvisionerService, ReconcileService, ClusterMonitorService, LeaseNoticeService],
      useFactory: (
        spaces: SpaceProvisionerService,
        access: SpaceAccessService,
        instances: InstanceProvisionerService,
        reconcile: ReconcileService,
        clusters: ClusterMonitorService,
        leaseNotices: LeaseNoticeService,
      ): JobHandlers => ({
        'space.provision': (data, attempt) => spaces.provision(data.orderId, attempt),
        'tenant.rbac.sync': (data) => access.syncTenant(data.tenantId),
        'instance.provision': (data, attempt) => instances.provision(data.orderId, attempt),
        'instance.delete': (data, attempt) => instances.delete(data.orderId, attempt),
        'instance.reconcile': (data) => instances.reconcile(data.instanceId),
        'platform.reconcile': async () => {
          await reconcile.reconcileAll();
        },
        'cluster.changed': (data) => clusters.clusterChanged(data.clusterId),
        'notify.lease': (data) => leaseNotices.send(data),
      }),
    },
  ],
  exports: [JobRunnerService],
})
export class JobsModule {}
