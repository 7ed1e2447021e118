import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { RbacModule } from '../rbac/rbac.module';
import { InstanceDesiredStateService } from './instance-desired-state.service';
import { InstanceProvisionerService } from './instance-provisioner.service';
import { SpaceProvisionerService } from './space-provisioner.service';

@Module({
  imports: [ClusterModule, RbacModule],
  providers: [SpaceProvisionerService, InstanceProvisionerService, InstanceDesiredStateService],
  exports: [SpaceProvisionerService, InstanceProvisionerService],
})
export class ProvisionModule {}
