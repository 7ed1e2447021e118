import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { ApprovalPolicyEnum, OfferingKindEnum, OfferingVisibilityEnum } from '../../common/graphql-enums';
import { OfferingPlanInput, ResourceThresholdInput } from './offering-plan.input';

/** Flat arguments, as ra-data-graphql-simple sends a create. */
@ArgsType()
export class CreateOfferingArgs {
  @Field({ description: 'Stable identifier: 3-30 characters a-z, 0-9 and -, starting with a letter. Cannot be changed.' })
  key: string;

  @Field(() => OfferingKindEnum)
  kind: OfferingKind;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field({ description: 'Built-in template: compute-space, postgresql, container-app, redis, website-cms, document-sharing.' })
  template: string;

  @Field(() => [OfferingPlanInput])
  plans: OfferingPlanInput[];

  @Field(() => GraphQLJSON, { description: 'JSON Schema (draft-07, type object, every property titled).' })
  parametersSchema: unknown;

  @Field(() => OfferingVisibilityEnum)
  visibility: OfferingVisibility;

  @Field(() => [ID], { nullable: true, description: 'Only with visibility NAMED_TENANTS.' })
  allowedTenantIds?: string[] | null;

  @Field(() => ApprovalPolicyEnum)
  approvalPolicy: ApprovalPolicy;

  @Field(() => ResourceThresholdInput, { nullable: true, description: 'Only with OPERATOR_ABOVE_THRESHOLD.' })
  approvalThreshold?: ResourceThresholdInput | null;
}
