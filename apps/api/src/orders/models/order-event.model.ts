import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { OrderEventActor, OrderEventEntity } from '@nprod/database';
import type { OrderStatus } from '@nprod/domain';
import { OrderEventActorEnum, OrderStatusEnum } from '../../common/graphql-enums';

@ObjectType('OrderEvent', { description: 'One transition of an order: who, when, from, to and why.' })
export class OrderEventModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  orderId: string;

  @Field(() => OrderStatusEnum, { nullable: true, description: 'Null for the first event.' })
  fromStatus: OrderStatus | null;

  @Field(() => OrderStatusEnum)
  toStatus: OrderStatus;

  @Field(() => OrderEventActorEnum, { description: 'USER (actorId says who), WORKER or SYSTEM (automatic approval).' })
  actorKind: OrderEventActor;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true, description: 'The email of the person, when a person made the change.' })
  actorEmail: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  static from(entity: OrderEventEntity, actorEmail: string | null): OrderEventModel {
    const { id, orderId, fromStatus, toStatus, actorKind, actorId, reason, createdAt } = entity;
    return { id: String(id), orderId, fromStatus, toStatus, actorKind, actorId, actorEmail, reason, createdAt };
  }
}
