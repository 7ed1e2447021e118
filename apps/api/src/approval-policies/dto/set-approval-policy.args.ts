import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import type { ApprovalPolicy } from '@nprod/domain';
import { ApprovalPolicyEnum } from '../../common/graphql-enums';

@ArgsType()
export class SetApprovalPolicyArgs {
  @Field(() => ID)
  tenantId: string;

  @Field(() => ID, { nullable: true, description: 'The offering it applies to; leave out for all of the tenant\'s orders.' })
  offeringId?: string | null;

  @Field(() => ApprovalPolicyEnum)
  policy: ApprovalPolicy;

  @Field(() => Int, { nullable: true, description: 'OPERATOR_ABOVE_THRESHOLD only (at least one threshold): orders above this many millicores wait for an operator.' })
  thresholdCpuMillicores?: number | null;

  @Field(() => Int, { nullable: true, description: 'OPERATOR_ABOVE_THRESHOLD only: memory in MiB.' })
  thresholdMemoryMiB?: number | null;

  @Field(() => Int, { nullable: true, description: 'OPERATOR_ABOVE_THRESHOLD only: storage in GiB.' })
  thresholdStorageGiB?: number | null;
}

@ArgsType()
export class ClearApprovalPolicyArgs {
  @Field(() => ID)
  tenantId: string;

  @Field(() => ID, { nullable: true, description: 'The offering whose override to remove; leave out for the one for all offerings.' })
  offeringId?: string | null;
}
