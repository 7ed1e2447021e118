import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { BatchLoader, loaderPerContext } from '../common/batch-loader';
import { ListMetadata } from '../common/list.args';
import { ApproveOrderArgs, OrderIdArgs, RejectOrderArgs } from './dto/decide-order.args';
import { OrderListArgs } from './dto/order-list.args';
import { QuoteOrderArgs, SubmitOrderArgs } from './dto/submit-order.args';
import { OrderEventModel } from './models/order-event.model';
import { OrderQuoteModel } from './models/order-quote.model';
import { OrderModel } from './models/order.model';
import { OrderSubmissionService } from './order-submission.service';
import { OrdersService } from './orders.service';

@Resolver(() => OrderModel)
export class OrdersResolver {
  constructor(
    @Inject(OrdersService) private readonly orders: OrdersService,
    @Inject(OrderSubmissionService) private readonly submission: OrderSubmissionService,
  ) {}

  @Query(() => OrderModel, { name: 'Order', nullable: true })
  order(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<OrderModel> {
    return this.orders.get(user, id);
  }

  @Query(() => [OrderModel], { name: 'allOrders', description: 'Orders you can see. filter.status PENDING_APPROVAL is the approvals inbox.' })
  allOrders(@CurrentUser() user: AuthUser, @Args() args: OrderListArgs): Promise<OrderModel[]> {
    return this.orders.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allOrdersMeta' })
  async allOrdersMeta(@CurrentUser() user: AuthUser, @Args() args: OrderListArgs): Promise<ListMetadata> {
    return { count: await this.orders.count(user, args) };
  }

  @Mutation(() => OrderModel, { description: 'Order an instance or a space (CREATE), a change to one (MODIFY) or its deletion (DELETE). Idempotent per idempotencyKey.' })
  async submitOrder(@CurrentUser() user: AuthUser, @Args() args: SubmitOrderArgs): Promise<OrderModel> {
    return this.orders.get(user, await this.submission.submit(user, args));
  }

  @Query(() => OrderQuoteModel, { description: 'What submitOrder would do with these arguments (quota change and impact, price, approval), storing nothing.' })
  quoteOrder(@CurrentUser() user: AuthUser, @Args() args: QuoteOrderArgs): Promise<OrderQuoteModel> {
    return this.submission.quote(user, args);
  }

  @Mutation(() => OrderModel, { description: 'Operators: approve an order that is PENDING_APPROVAL.' })
  approveOrder(@CurrentUser() user: AuthUser, @Args() args: ApproveOrderArgs): Promise<OrderModel> {
    return this.orders.approve(user, args.id, args.reason);
  }

  @Mutation(() => OrderModel, { description: 'Operators: reject an order that waits for approval; the reason is required.' })
  rejectOrder(@CurrentUser() user: AuthUser, @Args() args: RejectOrderArgs): Promise<OrderModel> {
    return this.orders.reject(user, args.id, args.reason);
  }

  @Mutation(() => OrderModel, { description: 'Cancel an order until provisioning starts; its quota is given back.' })
  cancelOrder(@CurrentUser() user: AuthUser, @Args() args: OrderIdArgs): Promise<OrderModel> {
    return this.orders.cancel(user, args.id);
  }

  @Mutation(() => OrderModel, { description: 'Operators: run a FAILED order again (APPROVED, next attempt).' })
  retryOrder(@CurrentUser() user: AuthUser, @Args() args: OrderIdArgs): Promise<OrderModel> {
    return this.orders.retry(user, args.id);
  }

  @ResolveField(() => [OrderEventModel], { description: 'Every transition, oldest first.' })
  events(@Parent() order: OrderModel, @Context() context: object): Promise<OrderEventModel[]> {
    return this.eventLoader(context).load(order.id);
  }

  /** A list page asks for the events of all its orders in one batch instead of one query each. */
  private readonly eventLoader = loaderPerContext(() => new BatchLoader((ids: readonly string[]) => this.orders.eventsOf(ids), (): OrderEventModel[] => []));
}
