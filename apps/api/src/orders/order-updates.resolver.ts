import { Inject } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import type { OrderUpdatedNotice } from '@nprod/database';
import type { SubscriptionContext } from 'mercurius';
import { AuthService } from '../auth/auth.service';
import type { GraphqlContext } from '../auth/graphql-context';
import { currentSubscriber } from '../auth/subscription-auth';
import { OrderUpdatedArgs } from './dto/order-updated.args';
import { OrderModel } from './models/order.model';
import { ORDER_UPDATED_TOPIC } from './order-updates.listener';
import { OrderUpdatesService } from './order-updates.service';
import { OrdersService } from './orders.service';

/**
 * `orderUpdated`: the caller is authenticated when the socket connects (and their token again every
 * SUBSCRIBER_RECHECK_MS); the arguments are checked when subscribing (another tenant's id answers
 * NOT_FOUND like a missing one), and every change is checked against what the caller may read now
 * before the order is re-read for them.
 */
@Resolver(() => OrderModel)
export class OrderUpdatesResolver {
  constructor(
    @Inject(OrderUpdatesService) private readonly updates: OrderUpdatesService,
    @Inject(OrdersService) private readonly orders: OrdersService,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  @Subscription(() => OrderModel, {
    description: 'Each change to an order you may read (its status, reason, events), as the whole order. Over graphql-ws; see docs/api.md.',
    resolve(this: OrderUpdatesResolver, notice: OrderUpdatedNotice, _args: OrderUpdatedArgs, context: GraphqlContext) {
      return this.orders.get(context.user!, notice.orderId);
    },
  })
  async orderUpdated(@Args() args: OrderUpdatedArgs, @Context() context: GraphqlContext & { pubsub: SubscriptionContext }): Promise<AsyncIterable<OrderUpdatedNotice>> {
    await this.updates.assertSubscribable(await currentSubscriber(this.auth, context), args);
    // Filtered here rather than with the decorator's `filter`: Nest hands a refusal above back as a
    // value, which Mercurius' withFilter would take for the stream instead of reporting it.
    const notices = await context.pubsub.subscribe<OrderUpdatedNotice>(ORDER_UPDATED_TOPIC);
    // The token is checked again as changes come: once it no longer holds, the stream ends with UNAUTHENTICATED.
    return keepWhere(notices, async (notice) => this.updates.concerns(await currentSubscriber(this.auth, context), notice, args));
  }
}

/** The items of `source` that `keep` accepts; ends when the source ends (Mercurius closes it with the subscription). */
async function* keepWhere<T>(source: AsyncIterable<T>, keep: (item: T) => Promise<boolean>): AsyncGenerator<T> {
  for await (const item of source) if (await keep(item)) yield item;
}
