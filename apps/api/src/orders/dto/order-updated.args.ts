import { ArgsType, Field, ID } from '@nestjs/graphql';

@ArgsType()
export class OrderUpdatedArgs {
  @Field(() => ID, { nullable: true, description: 'Only this tenant\'s orders (exactly this tenant, like allOrders(filter: { tenantId })).' })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this order.' })
  orderId?: string | null;
}
