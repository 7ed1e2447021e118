import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { SpaceProvisionerService } from './space-provisioner.service';

@Module({ imports: [ClusterModule], providers: [SpaceProvisionerService], exports: [SpaceProvisionerService] })
export class ProvisionModule {}
