import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { CreateTenantArgs } from './dto/create-tenant.args';
import { TenantListArgs } from './dto/tenant-list.args';
import { UpdateTenantArgs } from './dto/update-tenant.args';
import { TenantModel } from './models/tenant.model';
import { TenantsService } from './tenants.service';

@Resolver(() => TenantModel)
export class TenantsResolver {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  @Query(() => TenantModel, { name: 'Tenant', nullable: true })
  tenant(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<TenantModel> {
    return this.tenants.get(user, id);
  }

  @Query(() => [TenantModel], { name: 'allTenants' })
  allTenants(@CurrentUser() user: AuthUser, @Args() args: TenantListArgs): Promise<TenantModel[]> {
    return this.tenants.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allTenantsMeta' })
  async allTenantsMeta(@CurrentUser() user: AuthUser, @Args() args: TenantListArgs): Promise<ListMetadata> {
    return { count: await this.tenants.count(user, args) };
  }

  @Mutation(() => TenantModel, { description: 'Onboard a tenant with its allocation in its home region (operators only).' })
  createTenant(@CurrentUser() user: AuthUser, @Args() args: CreateTenantArgs): Promise<TenantModel> {
    return this.tenants.create(user, args);
  }

  @Mutation(() => TenantModel, {
    description: 'Rename a tenant (its owners and admins, or an ancestor\'s), or suspend or activate it with a reason (operators only).',
  })
  updateTenant(@CurrentUser() user: AuthUser, @Args() args: UpdateTenantArgs): Promise<TenantModel> {
    return this.tenants.update(user, args);
  }

  @ResolveField(() => [TenantModel], { description: 'The ancestors you can see, root first: the breadcrumb of a tree view.' })
  ancestors(@CurrentUser() user: AuthUser, @Parent() tenant: TenantModel): Promise<TenantModel[]> {
    return this.tenants.ancestors(user, tenant.id);
  }

  @ResolveField(() => Int, { description: 'Direct children you can see; 0 means a leaf in a tree view.' })
  childrenCount(@CurrentUser() user: AuthUser, @Parent() tenant: TenantModel): Promise<number> {
    return this.tenants.count(user, { filter: { parentId: tenant.id } });
  }

  @ResolveField(() => TenantModel, { nullable: true })
  async parent(@CurrentUser() user: AuthUser, @Parent() tenant: TenantModel): Promise<TenantModel | null> {
    return tenant.parentId ? this.tenants.get(user, tenant.parentId).catch(() => null) : null;
  }
}
