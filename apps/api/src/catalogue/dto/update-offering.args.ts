import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApprovalPolicy, OfferingVisibility } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { ApprovalPolicyEnum, OfferingVisibilityEnum } from '../../common/graphql-enums';
import { OfferingPlanInput, ResourceThresholdInput } from './offering-plan.input';

/** Every field optional: only what is given changes. New template, plans or schema make a new version. */
@ArgsType()
export class UpdateOfferingArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  template?: string | null;

  @Field(() => [OfferingPlanInput], { nullable: true })
  plans?: OfferingPlanInput[] | null;

  @Field(() => GraphQLJSON, { nullable: true })
  parametersSchema?: unknown;

  @Field(() => OfferingVisibilityEnum, { nullable: true })
  visibility?: OfferingVisibility | null;

  @Field(() => [ID], { nullable: true })
  allowedTenantIds?: string[] | null;

  @Field(() => ApprovalPolicyEnum, { nullable: true })
  approvalPolicy?: ApprovalPolicy | null;

  @Field(() => ResourceThresholdInput, { nullable: true, description: 'Send null to clear it.' })
  approvalThreshold?: ResourceThresholdInput | null;
}
