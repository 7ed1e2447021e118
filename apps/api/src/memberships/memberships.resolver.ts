import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata, MAX_PER_PAGE } from '../common/list.args';
import { TenantModel } from '../tenants/models/tenant.model';
import { TenantsService } from '../tenants/tenants.service';
import { UserModel } from '../users/models/user.model';
import { UsersService } from '../users/users.service';
import { MembershipListArgs } from './dto/membership-list.args';
import { CreateMembershipArgs, UpdateMembershipArgs } from './dto/membership-mutation.args';
import { MembershipModel } from './models/membership.model';
import { MembershipsService } from './memberships.service';

@Resolver(() => MembershipModel)
export class MembershipsResolver {
  constructor(
    @Inject(MembershipsService) private readonly memberships: MembershipsService,
    @Inject(TenantsService) private readonly tenants: TenantsService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  @Query(() => MembershipModel, { name: 'Membership', nullable: true })
  membership(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<MembershipModel> {
    return this.memberships.get(user, id);
  }

  @Query(() => [MembershipModel], { name: 'allMemberships' })
  allMemberships(@CurrentUser() user: AuthUser, @Args() args: MembershipListArgs): Promise<MembershipModel[]> {
    return this.memberships.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allMembershipsMeta' })
  async allMembershipsMeta(@CurrentUser() user: AuthUser, @Args() args: MembershipListArgs): Promise<ListMetadata> {
    return { count: await this.memberships.count(user, args) };
  }

  @Mutation(() => MembershipModel, { description: 'Give a user a role in a tenant (owners and admins, up to their own role; operators).' })
  createMembership(@CurrentUser() user: AuthUser, @Args() args: CreateMembershipArgs): Promise<MembershipModel> {
    return this.memberships.create(user, args);
  }

  @Mutation(() => MembershipModel, { description: 'Change a role, up to your own; the last OWNER of a tenant cannot be demoted.' })
  updateMembership(@CurrentUser() user: AuthUser, @Args() args: UpdateMembershipArgs): Promise<MembershipModel> {
    return this.memberships.update(user, args);
  }

  @Mutation(() => MembershipModel, { description: 'Remove a membership and return it as it was; the last OWNER of a tenant cannot be removed.' })
  deleteMembership(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<MembershipModel> {
    return this.memberships.delete(user, id);
  }

  @ResolveField(() => TenantModel)
  tenant(@CurrentUser() user: AuthUser, @Parent() membership: MembershipModel): Promise<TenantModel> {
    return this.tenants.get(user, membership.tenantId);
  }

  @ResolveField(() => UserModel)
  user(@CurrentUser() user: AuthUser, @Parent() membership: MembershipModel): Promise<UserModel> {
    return this.users.get(user, membership.userId);
  }
}

/** `User.memberships`: lives here so the users feature does not depend on memberships. */
@Resolver(() => UserModel)
export class UserMembershipsResolver {
  constructor(@Inject(MembershipsService) private readonly membershipsService: MembershipsService) {}

  @ResolveField(() => [MembershipModel], { description: 'The memberships you can see.' })
  memberships(@CurrentUser() user: AuthUser, @Parent() member: UserModel): Promise<MembershipModel[]> {
    return this.membershipsService.list(user, { perPage: MAX_PER_PAGE, sortField: 'tenantName', filter: { userId: member.id } });
  }
}
