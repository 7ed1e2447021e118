import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { ClustersService } from './clusters.service';
import { ClusterListArgs } from './dto/cluster-list.args';
import { CordonClusterArgs } from './dto/cordon-cluster.args';
import { RegisterClusterArgs } from './dto/register-cluster.args';
import { UpdateClusterArgs } from './dto/update-cluster.args';
import { ClusterModel } from './models/cluster.model';

@Resolver(() => ClusterModel)
export class ClustersResolver {
  constructor(@Inject(ClustersService) private readonly clusters: ClustersService) {}

  @Query(() => ClusterModel, { name: 'Cluster', nullable: true, description: 'Platform operators and auditors.' })
  cluster(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<ClusterModel> {
    return this.clusters.get(user, id);
  }

  @Query(() => [ClusterModel], { name: 'allClusters', description: 'Platform operators and auditors.' })
  allClusters(@CurrentUser() user: AuthUser, @Args() args: ClusterListArgs): Promise<ClusterModel[]> {
    return this.clusters.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allClustersMeta' })
  async allClustersMeta(@CurrentUser() user: AuthUser, @Args() args: ClusterListArgs): Promise<ListMetadata> {
    return { count: await this.clusters.count(user, args) };
  }

  @Mutation(() => ClusterModel, {
    description:
      'Operators: register a cluster spaces of the named regions may be placed on. Credentials (a kubeconfig, or apiUrl + token) are checked for shape, sealed with DATA_ENCRYPTION_KEY and never returned; the worker connects and probes it.',
  })
  registerCluster(@CurrentUser() user: AuthUser, @Args() args: RegisterClusterArgs): Promise<ClusterModel> {
    return this.clusters.register(user, args);
  }

  @Mutation(() => ClusterModel, { description: 'Operators: change name, regions, capacity (null: no limit), rate limit or credentials. Waiting space orders are retried.' })
  updateCluster(@CurrentUser() user: AuthUser, @Args() args: UpdateClusterArgs): Promise<ClusterModel> {
    return this.clusters.update(user, args);
  }

  @Mutation(() => ClusterModel, { description: 'Operators: no new spaces go there (the reason is shown); spaces already there stay and keep being reconciled.' })
  cordonCluster(@CurrentUser() user: AuthUser, @Args() args: CordonClusterArgs): Promise<ClusterModel> {
    return this.clusters.cordon(user, args);
  }

  @Mutation(() => ClusterModel, { description: 'Operators: the cluster takes new spaces again; waiting space orders are retried.' })
  uncordonCluster(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<ClusterModel> {
    return this.clusters.uncordon(user, id);
  }

  @Mutation(() => ClusterModel, { description: 'Operators: forget a registered cluster. Refused while live spaces are on it (the message says how many).' })
  deleteCluster(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<ClusterModel> {
    return this.clusters.delete(user, id);
  }
}
