import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { TenantModel } from '../tenants/models/tenant.model';
import { TenantsService } from '../tenants/tenants.service';
import { ApproveQuotaRequestArgs, RejectQuotaRequestArgs } from './dto/decide-quota-request.args';
import { QuotaRequestListArgs } from './dto/quota-request-list.args';
import { RequestQuotaArgs } from './dto/request-quota.args';
import { QuotaRequestModel } from './models/quota-request.model';
import { QuotaRequestsService } from './quota-requests.service';

@Resolver(() => QuotaRequestModel)
export class QuotaRequestsResolver {
  constructor(
    @Inject(QuotaRequestsService) private readonly requests: QuotaRequestsService,
    @Inject(TenantsService) private readonly tenants: TenantsService,
  ) {}

  @Query(() => QuotaRequestModel, { name: 'QuotaRequest', nullable: true })
  quotaRequest(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<QuotaRequestModel> {
    return this.requests.get(user, id);
  }

  @Query(() => [QuotaRequestModel], { name: 'allQuotaRequests' })
  allQuotaRequests(@CurrentUser() user: AuthUser, @Args() args: QuotaRequestListArgs): Promise<QuotaRequestModel[]> {
    return this.requests.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allQuotaRequestsMeta' })
  async allQuotaRequestsMeta(@CurrentUser() user: AuthUser, @Args() args: QuotaRequestListArgs): Promise<ListMetadata> {
    return { count: await this.requests.count(user, args) };
  }

  @Mutation(() => QuotaRequestModel, { description: 'Ask for more capacity in a region, with a justification (owners and admins of the tenant or an ancestor).' })
  requestQuota(@CurrentUser() user: AuthUser, @Args() args: RequestQuotaArgs): Promise<QuotaRequestModel> {
    return this.requests.request(user, args);
  }

  @Mutation(() => QuotaRequestModel, { description: 'Grant a pending request, in full or partly (operators); the grant is added to the allocation at once.' })
  approveQuotaRequest(@CurrentUser() user: AuthUser, @Args() args: ApproveQuotaRequestArgs): Promise<QuotaRequestModel> {
    return this.requests.approve(user, args);
  }

  @Mutation(() => QuotaRequestModel, { description: 'Refuse a pending request with a reason the tenant can act on (operators).' })
  rejectQuotaRequest(@CurrentUser() user: AuthUser, @Args() args: RejectQuotaRequestArgs): Promise<QuotaRequestModel> {
    return this.requests.reject(user, args);
  }

  @ResolveField(() => TenantModel)
  tenant(@CurrentUser() user: AuthUser, @Parent() request: QuotaRequestModel): Promise<TenantModel> {
    return this.tenants.get(user, request.tenantId);
  }
}
