import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ApprovalPolicyOverrideEntity } from '@nprod/database';
import type { ApprovalPolicy } from '@nprod/domain';
import { ApprovalPolicyEnum } from '../../common/graphql-enums';

@ObjectType('ApprovalPolicyOverride', {
  description:
    "An operator's approval policy for one tenant: for one offering, or (offeringId null) for all its orders. The override for the offering wins over the one for all offerings, which wins over the offering's own policy.",
})
export class ApprovalPolicyOverrideModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => ID, { nullable: true, description: 'null: applies to every offering the tenant orders (unless one has its own override).' })
  offeringId: string | null;

  @Field(() => ApprovalPolicyEnum)
  policy: ApprovalPolicy;

  @Field(() => Int, { nullable: true, description: 'OPERATOR_ABOVE_THRESHOLD: orders above this many millicores wait for an operator.' })
  thresholdCpuMillicores: number | null;

  @Field(() => Int, { nullable: true })
  thresholdMemoryMiB: number | null;

  @Field(() => Int, { nullable: true })
  thresholdStorageGiB: number | null;

  @Field(() => ID, { nullable: true })
  updatedById: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  static from(entity: ApprovalPolicyOverrideEntity): ApprovalPolicyOverrideModel {
    return {
      id: entity.id,
      tenantId: entity.tenantId,
      offeringId: entity.offeringId,
      policy: entity.policy,
      thresholdCpuMillicores: entity.threshold?.cpuMillicores ?? null,
      thresholdMemoryMiB: entity.threshold?.memoryMiB ?? null,
      thresholdStorageGiB: entity.threshold?.storageGiB ?? null,
      updatedById: entity.updatedById,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
