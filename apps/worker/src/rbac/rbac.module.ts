import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module';
import { SpaceAccessService } from './space-access.service';

@Module({ imports: [ClusterModule], providers: [SpaceAccessService], exports: [SpaceAccessService] })
export class RbacModule {}
