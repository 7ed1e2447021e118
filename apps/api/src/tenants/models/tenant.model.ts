import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { TenantKind, TenantStatus } from '@nprod/domain';
import type { TenantEntity } from '@nprod/database';
import { AllocationModel } from './allocation.model';
import { TenantKindEnum, TenantStatusEnum } from '../../common/graphql-enums';


@ObjectType('Tenant')
export class TenantModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  slug: string;

  @Field(() => TenantKindEnum)
  kind: TenantKind;

  @Field(() => TenantStatusEnum)
  status: TenantStatus;

  @Field(() => String, { nullable: true, description: 'Why an operator suspended or re-activated the tenant.' })
  statusReason: string | null;

  @Field(() => String, { nullable: true })
  registryNumber: string | null;

  @Field({ description: 'Home region; data stays on clusters in this region.' })
  region: string;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @Field(() => AllocationModel, { nullable: true, description: 'Allocation in the home region.' })
  allocation: AllocationModel | null;

  @Field(() => Int)
  spacesCount: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  static from(entity: TenantEntity, allocation: AllocationModel | null, spacesCount: number): TenantModel {
    const { id, name, slug, kind, status, statusReason, registryNumber, region, parentId, createdAt } = entity;
    return { id, name, slug, kind, status, statusReason, registryNumber, region, parentId, createdAt, allocation, spacesCount };
  }
}
