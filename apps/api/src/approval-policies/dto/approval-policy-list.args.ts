import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ListArgs } from '../../common/list.args';

@InputType()
export class ApprovalPolicyOverrideFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => ID, { nullable: true })
  offeringId?: string;
}

@ArgsType()
export class ApprovalPolicyOverrideListArgs extends ListArgs {
  @Field(() => ApprovalPolicyOverrideFilter, { nullable: true })
  filter?: ApprovalPolicyOverrideFilter;
}
