import { Module } from '@nestjs/common';
import { ClusterMonitorService } from './cluster-monitor.service';
import { ClusterPlacementService } from './cluster-placement.service';
import { ClusterRegistryService } from './cluster-registry.service';

@Module({
  providers: [ClusterRegistryService, ClusterPlacementService, ClusterMonitorService],
  exports: [ClusterRegistryService, ClusterPlacementService, ClusterMonitorService],
})
export class ClusterModule {}
