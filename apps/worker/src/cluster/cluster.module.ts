import { Module } from '@nestjs/common';
import { ClusterRegistryService } from './cluster-registry.service';

@Module({ providers: [ClusterRegistryService], exports: [ClusterRegistryService] })
export class ClusterModule {}
