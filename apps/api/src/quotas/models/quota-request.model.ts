import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { QuotaRequestEntity } from '@nprod/database';
import { QuotaRequestStatus } from '@nprod/domain';

// Stored values as GraphQL values (PARTIALLY_APPROVED), like the enums in common/graphql-enums.ts.
export const QuotaRequestStatusEnum = Object.fromEntries(Object.values(QuotaRequestStatus).map((value) => [value, value])) as Record<QuotaRequestStatus, QuotaRequestStatus>;
registerEnumType(QuotaRequestStatusEnum, { name: 'QuotaRequestStatus' });

@ObjectType('QuotaRequest', { description: 'A tenant asks for more capacity in a region; the amounts are increases. An operator approves (fully or partly) or rejects it once.' })
export class QuotaRequestModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field()
  region: string;

  @Field(() => Int, { description: 'More CPU asked for, in millicores.' })
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => Int, { description: 'More spaces asked for.' })
  maxSpaces: number;

  @Field(() => Int, { description: 'More instances asked for.' })
  maxInstances: number;

  @Field()
  justification: string;

  @Field(() => QuotaRequestStatusEnum)
  status: QuotaRequestStatus;

  @Field(() => Int, { nullable: true, description: 'Granted on approval; null until decided, and on rejection.' })
  grantedCpuMillicores: number | null;

  @Field(() => Int, { nullable: true })
  grantedMemoryMiB: number | null;

  @Field(() => Int, { nullable: true })
  grantedStorageGiB: number | null;

  @Field(() => Int, { nullable: true })
  grantedMaxSpaces: number | null;

  @Field(() => Int, { nullable: true })
  grantedMaxInstances: number | null;

  @Field(() => ID, { nullable: true })
  requestedById: string | null;

  @Field(() => ID, { nullable: true })
  decidedById: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The operator's reason: always given on rejection." })
  reason: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  static from(entity: QuotaRequestEntity): QuotaRequestModel {
    return {
      id: entity.id,
      tenantId: entity.tenantId,
      region: entity.region,
      cpuMillicores: entity.requestedCpuMillicores,
      memoryMiB: entity.requestedMemoryMiB,
      storageGiB: entity.requestedStorageGiB,
      maxSpaces: entity.requestedSpaces,
      maxInstances: entity.requestedInstances,
      justification: entity.justification,
      status: entity.status,
      grantedCpuMillicores: entity.grantedCpuMillicores,
      grantedMemoryMiB: entity.grantedMemoryMiB,
      grantedStorageGiB: entity.grantedStorageGiB,
      grantedMaxSpaces: entity.grantedSpaces,
      grantedMaxInstances: entity.grantedInstances,
      requestedById: entity.requestedById,
      decidedById: entity.decidedById,
      decidedAt: entity.decidedAt,
      reason: entity.reason,
      createdAt: entity.createdAt,
    };
  }
}
