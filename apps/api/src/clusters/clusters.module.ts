import { Module } from '@nestjs/common';
import { ClustersResolver } from './clusters.resolver';
import { ClustersService } from './clusters.service';
import { RegionsResolver } from './regions.resolver';
import { RegionsService } from './regions.service';

@Module({ providers: [ClustersService, ClustersResolver, RegionsService, RegionsResolver], exports: [RegionsService] })
export class ClustersModule {}
