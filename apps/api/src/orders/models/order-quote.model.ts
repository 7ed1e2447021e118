import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { OrderAction, OrderTarget, QuotaResource } from '@nprod/domain';
import { OrderActionEnum, OrderTargetEnum } from '../../common/graphql-enums';
import { QuotaChangeModel } from './order.model';

/** What a QuotaImpact row is measured against: the tenant's allocation in the region, or the space an instance runs in. */
export type QuotaImpactScope = 'ALLOCATION' | 'SPACE';

@ObjectType('QuotaImpact', {
  description:
    "One resource before and after the order, against the tenant's allocation in the order's region or (an instance's cpu, memory and storage) against the space it runs in.",
})
export class QuotaImpactModel {
  @Field(() => String, { description: 'ALLOCATION (the tenant allocation in the region) or SPACE (the size of the space the instance runs in; see OrderQuote.spaceName).' })
  scope: QuotaImpactScope;

  @Field(() => String, { description: 'cpuMillicores, memoryMiB, storageGiB, spaces or instances.' })
  resource: QuotaResource;

  @Field(() => Int, { description: "The allocation's limit, or for SPACE the space's size (the smaller one while a shrink of the space is under way)." })
  allocated: number;

  @Field(() => Int, { description: "Own use plus what was handed down to child tenants; for SPACE what the space's instances use (their footprints plus open resizes' growth)." })
  inUse: number;

  @Field(() => Int, { description: 'What the order reserves now (its growth; a shrink is given back when done).' })
  change: number;

  @Field(() => Int, { description: 'allocated - inUse - change; negative when the order does not fit.' })
  freeAfter: number;
}

@ObjectType('OrderQuote', { description: 'What submitOrder would do with the same arguments; nothing is stored.' })
export class OrderQuoteModel {
  @Field(() => OrderActionEnum)
  action: OrderAction;

  @Field(() => OrderTargetEnum)
  target: OrderTarget;

  @Field()
  region: string;

  @Field(() => QuotaChangeModel, { description: 'The whole signed change of the order.' })
  quotaChange: QuotaChangeModel;

  @Field(() => QuotaChangeModel, { description: 'The part reserved at submit (the growing part).' })
  reserved: QuotaChangeModel;

  @Field(() => Int, { nullable: true, description: 'Hourly price in tiyn of what the order makes (null for a deletion).' })
  pricePerHourTiyn: number | null;

  @Field()
  approvalRequired: boolean;

  @Field({ description: 'Which approval rule decided, in words (the order event says the same).' })
  approvalReason: string;

  @Field(() => String, { nullable: true, description: 'For an instance order, the space whose room its cpu, memory and storage must fit.' })
  spaceId: string | null;

  @Field(() => String, { nullable: true })
  spaceName: string | null;

  @Field({ description: 'Whether it fits its space (instance orders) and the allocation; when false, submitOrder would fail with QUOTA_EXCEEDED (or BAD_USER_INPUT without an allocation).' })
  fits: boolean;

  @Field(() => String, { nullable: true, description: 'The message submitOrder would fail with when it does not fit.' })
  problem: string | null;

  @Field(() => String, { nullable: true, description: 'The argument that error would name.' })
  problemField: string | null;

  @Field(() => [QuotaImpactModel])
  impact: QuotaImpactModel[];
}
