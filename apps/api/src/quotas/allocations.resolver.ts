import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { TenantModel } from '../tenants/models/tenant.model';
import { TenantsService } from '../tenants/tenants.service';
import { AllocationsService } from './allocations.service';
import { AllocationListArgs } from './dto/allocation-list.args';
import { SetAllocationArgs } from './dto/set-allocation.args';
import { AllocationModel } from './models/allocation.model';

@Resolver(() => AllocationModel)
export class AllocationsResolver {
  constructor(
    @Inject(AllocationsService) private readonly allocations: AllocationsService,
    @Inject(TenantsService) private readonly tenants: TenantsService,
  ) {}

  @Query(() => AllocationModel, { name: 'Allocation', nullable: true })
  allocation(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<AllocationModel> {
    return this.allocations.get(user, id);
  }

  @Query(() => [AllocationModel], { name: 'allAllocations' })
  allAllocations(@CurrentUser() user: AuthUser, @Args() args: AllocationListArgs): Promise<AllocationModel[]> {
    return this.allocations.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allAllocationsMeta' })
  async allAllocationsMeta(@CurrentUser() user: AuthUser, @Args() args: AllocationListArgs): Promise<ListMetadata> {
    return { count: await this.allocations.count(user, args) };
  }

  @Mutation(() => AllocationModel, {
    description:
      "Create or change a tenant's allocation in a region (the amounts are the new limits). Operators for any tenant; owners and admins of the parent tenant for its children, carved from the parent's own allocation. Never below what is in use.",
  })
  setAllocation(@CurrentUser() user: AuthUser, @Args() args: SetAllocationArgs): Promise<AllocationModel> {
    return this.allocations.set(user, args);
  }

  @ResolveField(() => TenantModel)
  tenant(@CurrentUser() user: AuthUser, @Parent() allocation: AllocationModel): Promise<TenantModel> {
    return this.tenants.get(user, allocation.tenantId);
  }
}
