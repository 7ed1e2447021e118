import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { CreateSpaceArgs, DeleteSpaceArgs, ResizeSpaceArgs } from './dto/create-space.args';
import { SpaceListArgs } from './dto/space-list.args';
import { SpaceModel } from './models/space.model';
import { SpacesService } from './spaces.service';
import { OrderModel } from '../orders/models/order.model';
import { OrdersService } from '../orders/orders.service';
import { TenantModel } from '../tenants/models/tenant.model';
import { TenantsService } from '../tenants/tenants.service';

@Resolver(() => SpaceModel)
export class SpacesResolver {
  constructor(
    @Inject(SpacesService) private readonly spaces: SpacesService,
    @Inject(TenantsService) private readonly tenants: TenantsService,
    @Inject(OrdersService) private readonly orders: OrdersService,
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

  @Mutation(() => SpaceModel, {
    description: 'Order a space of a custom size (a CREATE order of the compute-space offering, as submitOrder): reserves its size from the allocation; the worker creates the namespace once approved.',
  })
  createSpace(@CurrentUser() user: AuthUser, @Args() args: CreateSpaceArgs): Promise<SpaceModel> {
    return this.spaces.create(user, args);
  }

  @Mutation(() => OrderModel, { description: 'Order a new size for a space (a MODIFY order); only the growth counts against the allocation, and it cannot shrink below what its instances use.' })
  async resizeSpace(@CurrentUser() user: AuthUser, @Args() args: ResizeSpaceArgs): Promise<OrderModel> {
    return this.orders.get(user, await this.spaces.resize(user, args));
  }

  @Mutation(() => OrderModel, { description: 'Order the deletion of a space without live instances (a DELETE order); its quota comes back once the namespace is gone.' })
  async deleteSpace(@CurrentUser() user: AuthUser, @Args() args: DeleteSpaceArgs): Promise<OrderModel> {
    return this.orders.get(user, await this.spaces.delete(user, args));
  }

  @ResolveField(() => TenantModel)
  tenant(@CurrentUser() user: AuthUser, @Parent() space: SpaceModel): Promise<TenantModel> {
    return this.tenants.get(user, space.tenantId);
  }
}
