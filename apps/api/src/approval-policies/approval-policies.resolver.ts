import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { ApprovalPoliciesService } from './approval-policies.service';
import { ApprovalPolicyOverrideListArgs } from './dto/approval-policy-list.args';
import { ClearApprovalPolicyArgs, SetApprovalPolicyArgs } from './dto/set-approval-policy.args';
import { ApprovalPolicyOverrideModel } from './models/approval-policy-override.model';

@Resolver(() => ApprovalPolicyOverrideModel)
export class ApprovalPoliciesResolver {
  constructor(@Inject(ApprovalPoliciesService) private readonly policies: ApprovalPoliciesService) {}

  @Query(() => ApprovalPolicyOverrideModel, { name: 'ApprovalPolicyOverride', nullable: true })
  override(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<ApprovalPolicyOverrideModel> {
    return this.policies.get(user, id);
  }

  @Query(() => [ApprovalPolicyOverrideModel], { name: 'allApprovalPolicyOverrides', description: "Per-tenant approval policies you can see (filter.tenantId for one tenant's)." })
  allOverrides(@CurrentUser() user: AuthUser, @Args() args: ApprovalPolicyOverrideListArgs): Promise<ApprovalPolicyOverrideModel[]> {
    return this.policies.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allApprovalPolicyOverridesMeta' })
  async allOverridesMeta(@CurrentUser() user: AuthUser, @Args() args: ApprovalPolicyOverrideListArgs): Promise<ListMetadata> {
    return { count: await this.policies.count(user, args) };
  }

  @Mutation(() => ApprovalPolicyOverrideModel, {
    description: "Operators: set a tenant's approval policy for one offering or (offeringId left out) for all its orders, replacing the one set before.",
  })
  setApprovalPolicy(@CurrentUser() user: AuthUser, @Args() args: SetApprovalPolicyArgs): Promise<ApprovalPolicyOverrideModel> {
    return this.policies.set(user, args);
  }

  @Mutation(() => Boolean, { description: "Operators: remove a tenant's approval policy so it inherits again; false when there was none." })
  clearApprovalPolicy(@CurrentUser() user: AuthUser, @Args() args: ClearApprovalPolicyArgs): Promise<boolean> {
    return this.policies.clear(user, args);
  }
}
