import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { RbacModule } from '../rbac/rbac.module';
import { SpaceProvisionerService } from './space-provisioner.service';

@Module({ imports: [ClusterModule, RbacModule], providers: [SpaceProvisionerService], exports: [SpaceProvisionerService] })
export class ProvisionModule {}
