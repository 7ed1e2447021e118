import { Module } from '@nestjs/common';
import { ClustersResolver } from './clusters.resolver';
import { ClustersService } from './clusters.service';

@Module({ providers: [ClustersService, ClustersResolver] })
export class ClustersModule {}
