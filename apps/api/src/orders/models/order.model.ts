import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { OrderEntity } from '@nprod/database';
import type { OrderAction, OrderStatus, OrderTarget } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { OrderActionEnum, OrderStatusEnum, OrderTargetEnum } from '../../common/graphql-enums';

@ObjectType('QuotaChange', { description: 'A signed change to what a tenant uses: positive grows, negative gives back.' })
export class QuotaChangeModel {
  @Field(() => Int)
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => Int)
  spaces: number;

  @Field(() => Int)
  instances: number;
}

@ObjectType('Order', { description: 'A request to create, change or delete an instance or a space; the worker carries it out.' })
export class OrderModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => OrderActionEnum)
  action: OrderAction;

  @Field(() => OrderTargetEnum)
  target: OrderTarget;

  @Field(() => OrderStatusEnum)
  status: OrderStatus;

  @Field(() => String, { nullable: true, description: 'Why it is in this status (a failure in words a person can act on, a rejection reason).' })
  statusReason: string | null;

  @Field(() => ID, { nullable: true })
  spaceId: string | null;

  @Field(() => ID, { nullable: true })
  instanceId: string | null;

  @Field(() => ID, { nullable: true })
  offeringId: string | null;

  @Field(() => String, { nullable: true })
  planKey: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The parameters as validated, with the schema defaults.' })
  parameters: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The instance or space name.' })
  name: string | null;

  @Field(() => QuotaChangeModel, { description: 'What the order changes in the allocation (counted only where it grows; a shrink is given back when done).' })
  quotaChange: QuotaChangeModel;

  @Field(() => Int, { nullable: true, description: 'Hourly price in tiyn of what the order makes.' })
  pricePerHourTiyn: number | null;

  @Field(() => Int, { description: '1, plus one per operator retry.' })
  attempt: number;

  @Field(() => String, { nullable: true })
  idempotencyKey: string | null;

  @Field(() => ID, { nullable: true })
  requestedById: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  static from(entity: OrderEntity): OrderModel {
    const request = entity.request as OrderRequest;
    const zero = { cpuMillicores: 0, memoryMiB: 0, storageGiB: 0, spaces: 0, instances: 0 };
    // Space orders placed before they went through submitOrder store the size; every other order stores its change.
    const quotaChange =
      request.delta ??
      (typeof request.cpuMillicores === 'number'
        ? { ...zero, cpuMillicores: request.cpuMillicores, memoryMiB: request.memoryMiB ?? 0, storageGiB: request.storageGiB ?? 0, spaces: 1 }
        : zero);
    return {
      id: entity.id,
      tenantId: entity.tenantId,
      action: entity.action,
      target: entity.target,
      status: entity.status,
      statusReason: entity.statusReason,
      spaceId: entity.spaceId,
      instanceId: entity.instanceId,
      offeringId: entity.offeringId,
      planKey: request.planKey ?? null,
      parameters: request.parameters ?? null,
      name: request.name ?? null,
      quotaChange,
      pricePerHourTiyn: request.pricePerHourTiyn ?? null,
      attempt: entity.attempt,
      idempotencyKey: entity.idempotencyKey,
      requestedById: entity.requestedById,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}

/** What `orders.request` holds (older space orders keep only name, slug and size). */
export interface OrderRequest {
  [key: string]: unknown;
  requestHash?: string;
  name?: string;
  slug?: string;
  cpuMillicores?: number;
  memoryMiB?: number;
  storageGiB?: number;
  offeringVersionId?: string;
  planKey?: string;
  parameters?: Record<string, unknown>;
  pricePerHourTiyn?: number;
  /** The whole signed change of the order. */
  delta?: QuotaChangeModel;
  /** The part reserved at submit (the growing part); released on reject, cancel and failure. */
  reserved?: QuotaChangeModel;
  /** The footprint the instance has once the order is done. */
  footprint?: { cpuMillicores: number; memoryMiB: number; storageGiB: number };
  leaseEndsAt?: string | null;
  /** DELETE: the instance status to restore when the order is cancelled. */
  previousStatus?: string;
}
