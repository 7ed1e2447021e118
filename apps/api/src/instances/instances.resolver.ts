import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { OrderModel } from '../orders/models/order.model';
import { OrdersService } from '../orders/orders.service';
import { DecommissionInstanceArgs, InstanceIdArgs, RenewInstanceArgs, ResizeInstanceArgs } from './dto/instance-mutation.args';
import { InstanceListArgs } from './dto/instance-list.args';
import { InstanceCredentialsModel, InstanceModel } from './models/instance.model';
import { InstancesService } from './instances.service';

@Resolver(() => InstanceModel)
export class InstancesResolver {
  constructor(
    @Inject(InstancesService) private readonly instances: InstancesService,
    @Inject(OrdersService) private readonly orders: OrdersService,
  ) {}

  @Query(() => InstanceModel, { name: 'Instance', nullable: true })
  instance(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<InstanceModel> {
    return this.instances.get(user, id);
  }

  @Query(() => [InstanceModel], { name: 'allInstances' })
  allInstances(@CurrentUser() user: AuthUser, @Args() args: InstanceListArgs): Promise<InstanceModel[]> {
    return this.instances.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allInstancesMeta' })
  async allInstancesMeta(@CurrentUser() user: AuthUser, @Args() args: InstanceListArgs): Promise<ListMetadata> {
    return { count: await this.instances.count(user, args) };
  }

  @Mutation(() => OrderModel, { description: 'Order a new plan or size (a MODIFY order); only the growth counts against the allocation.' })
  async resizeInstance(@CurrentUser() user: AuthUser, @Args() args: ResizeInstanceArgs): Promise<OrderModel> {
    return this.orders.get(user, await this.instances.resize(user, args));
  }

  @Mutation(() => OrderModel, { description: 'Order the deletion of an instance (a DELETE order); its quota comes back once everything is gone.' })
  async decommissionInstance(@CurrentUser() user: AuthUser, @Args() args: DecommissionInstanceArgs): Promise<OrderModel> {
    return this.orders.get(user, await this.instances.decommission(user, args));
  }

  @Mutation(() => InstanceModel, { description: 'Move or remove the end of the lease; resumes a suspended instance.' })
  renewInstance(@CurrentUser() user: AuthUser, @Args() args: RenewInstanceArgs): Promise<InstanceModel> {
    return this.instances.renew(user, args);
  }

  @Mutation(() => InstanceCredentialsModel, {
    description:
      'Show the generated credentials, once, to the owner (a tenant owner, or the admin who ordered the instance; never platform staff); audited. A second reveal is refused (CONFLICT) naming when and to whom they were shown and the Secret to read instead.',
  })
  revealInstanceCredentials(@CurrentUser() user: AuthUser, @Args() args: InstanceIdArgs): Promise<InstanceCredentialsModel> {
    return this.instances.revealCredentials(user, args.id);
  }

  @ResolveField(() => Boolean, { description: 'Whether the caller may reveal its credentials now: it has some, they were not shown yet, and the caller is their owner.' })
  canRevealCredentials(@CurrentUser() user: AuthUser, @Parent() instance: InstanceModel): Promise<boolean> {
    return this.instances.canRevealCredentials(user, instance);
  }

  @ResolveField(() => String, { nullable: true, description: 'Who its credentials were shown to (name and e-mail); null while not yet.' })
  credentialsRevealedTo(@Parent() instance: InstanceModel): Promise<string | null> {
    return this.instances.credentialsRevealedTo(instance);
  }
}
