import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { CreateSpaceArgs } from './dto/create-space.args';
import { SpaceListArgs } from './dto/space-list.args';
import { SpaceModel } from './models/space.model';
import { SpacesService } from './spaces.service';
import { TenantModel } from '../tenants/models/tenant.model';
import { TenantsService } from '../tenants/tenants.service';

@Resolver(() => SpaceModel)
export class SpacesResolver {
  constructor(
    @Inject(SpacesService) private readonly spaces: SpacesService,
    @Inject(TenantsService) private readonly tenants: TenantsService,
  ) {}

  @Query(() => SpaceModel, { name: 'Space', nullable: true })
  space(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<SpaceModel> {
    return this.spaces.get(user, id);
  }

  @Query(() => [SpaceModel], { name: 'allSpaces' })
  allSpaces(@CurrentUser() user: AuthUser, @Args() args: SpaceListArgs): Promise<SpaceModel[]> {
    return this.spaces.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allSpacesMeta' })
  async allSpacesMeta(@CurrentUser() user: AuthUser, @Args() args: SpaceListArgs): Promise<ListMetadata> {
    return { count: await this.spaces.count(user, args) };
  }

  @Mutation(() => SpaceModel, { description: 'Order a space: reserves its size from the allocation; the worker creates the namespace.' })
  createSpace(@CurrentUser() user: AuthUser, @Args() args: CreateSpaceArgs): Promise<SpaceModel> {
    return this.spaces.create(user, args);
  }

  @ResolveField(() => TenantModel)
  tenant(@CurrentUser() user: AuthUser, @Parent() space: SpaceModel): Promise<TenantModel> {
    return this.tenants.get(user, space.tenantId);
  }
}
