import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { ClusterEntity } from '@nprod/database';
import { SpaceStatus } from '@nprod/domain';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { PlatformInfoModel } from './models/platform-info.model';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@Resolver()
export class PlatformResolver {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Public: the sign-in page shows the sandbox banner too. The worker registers clusters; the API only reads them. */
  @Public()
  @Query(() => PlatformInfoModel)
  async platformInfo(): Promise<PlatformInfoModel> {
    return { sandboxCluster: await this.sandboxInUse(), version: VERSION, ssoEnabled: this.config.sso !== null };
  }

  /** A sandbox cluster takes new spaces (not cordoned), or still hosts spaces: cordoning it does not make those real. */
  private sandboxInUse(): Promise<boolean> {
    return this.db
      .getRepository(ClusterEntity)
      .createQueryBuilder('c')
      .where('c.sandbox')
      .andWhere('(NOT c.cordoned OR EXISTS (SELECT 1 FROM spaces s WHERE s.cluster_id = c.id AND s.status <> :deleted))', { deleted: SpaceStatus.Deleted })
      .getExists();
  }
}
