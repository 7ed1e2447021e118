import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { OrderAction, OrderTarget, QuotaResource } from '@nprod/domain';
import { OrderActionEnum, OrderTargetEnum } from '../../common/graphql-enums';
import { QuotaChangeModel } from './order.model';

@ObjectType('QuotaImpact', { description: "One resource of the tenant's allocation in the order's region, before and after the order." })
export class QuotaImpactModel {
  @Field(() => String, { description: 'cpuMillicores, memoryMiB, storageGiB, spaces or instances.' })
  resource: QuotaResource;

  @Field(() => Int)
  allocated: number;

  @Field(() => Int, { description: 'Own use plus what was handed down to child tenants.' })
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

  @Field({ description: 'Whether it fits the allocation; when false, submitOrder would fail with QUOTA_EXCEEDED (or BAD_USER_INPUT without an allocation).' })
  fits: boolean;

  @Field(() => String, { nullable: true, description: 'The message submitOrder would fail with when it does not fit.' })
  problem: string | null;

  @Field(() => String, { nullable: true, description: 'The argument that error would name.' })
  problemField: string | null;

  @Field(() => [QuotaImpactModel])
  impact: QuotaImpactModel[];
}
