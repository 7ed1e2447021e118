import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { ClusterEntity } from '@nprod/database';
import { DataSource } from 'typeorm';

/**
 * The regions the platform serves: those of the registered clusters and of the worker's start-up
 * cluster (KUBE_CLUSTER_REGIONS), sorted and without repeats.
 */
@Injectable()
export class RegionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `takingNewSpaces`: only clusters that are not cordoned (sign-up offers no region that cannot grow). */
  async regions({ takingNewSpaces }: { takingNewSpaces: boolean }): Promise<string[]> {
    const clusters = await this.db.getRepository(ClusterEntity).find({ select: { regions: true }, where: takingNewSpaces ? { cordoned: false } : {} });
    return [...new Set([...this.config.kubernetes.clusterRegions, ...clusters.flatMap((cluster) => cluster.regions)])].sort();
  }
}
