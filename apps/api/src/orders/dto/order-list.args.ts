import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import type { OrderAction, OrderStatus, OrderTarget } from '@nprod/domain';
import { ListArgs } from '../../common/list.args';
import { OrderActionEnum, OrderStatusEnum, OrderTargetEnum } from '../../common/graphql-enums';

@InputType()
export class OrderFilter {
  @Field(() => String, { nullable: true, description: 'Matches the instance or space name and slug, and the status reason.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => OrderStatusEnum, { nullable: true, description: 'PENDING_APPROVAL is the approvals inbox.' })
  status?: OrderStatus;

  @Field(() => OrderActionEnum, { nullable: true })
  action?: OrderAction;

  @Field(() => OrderTargetEnum, { nullable: true })
  target?: OrderTarget;

  @Field(() => ID, { nullable: true })
  spaceId?: string;

  @Field(() => ID, { nullable: true })
  instanceId?: string;
}

@ArgsType()
export class OrderListArgs extends ListArgs {
  @Field(() => OrderFilter, { nullable: true })
  filter?: OrderFilter;
}
