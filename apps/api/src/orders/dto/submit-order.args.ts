import { ArgsType, Field, GraphQLISODateTime, ID, OmitType } from '@nestjs/graphql';
import { OrderAction } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { OrderActionEnum } from '../../common/graphql-enums';

@ArgsType()
export class SubmitOrderArgs {
  @Field(() => ID)
  tenantId: string;

  @Field(() => OrderActionEnum, {
    nullable: true,
    description: 'CREATE (default) a new instance or space, MODIFY (resize, change parameters) or DELETE an existing one. MODIFY and DELETE act on instanceId, or on spaceId when instanceId is left out.',
  })
  action?: OrderAction | null;

  @Field(() => ID, { nullable: true, description: "CREATE: the offering to order (an IAAS offering such as compute-space makes a space). MODIFY and DELETE use the instance's or space's own." })
  offeringId?: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE: required. MODIFY: the new plan (default: the current one).' })
  planKey?: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: "Checked against the offering version's JSON Schema. MODIFY: merged over the current parameters (for a space on the custom plan: over its current size).",
  })
  parameters?: unknown;

  @Field(() => ID, { nullable: true, description: 'CREATE of an instance: the ACTIVE space it runs in. MODIFY and DELETE of a space: the space.' })
  spaceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'MODIFY and DELETE: the instance.' })
  instanceId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'CREATE of an instance: its name, 3-30 characters a-z, 0-9 and "-", starting with a letter; unique in the space. Default: generated from the offering. CREATE of a space: its name (2-100 characters, required).',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE of a space: its slug, part of the namespace name (3-30 characters a-z, 0-9 and "-"). Default: made from name.' })
  slug?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'CREATE: optional end of the lease (in the future).' })
  leaseEndsAt?: Date | null;

  @Field({ description: 'Repeat a submit with the same key and body and the same order comes back; the same key with another body is a CONFLICT. 1-200 characters.' })
  idempotencyKey: string;
}

@ArgsType()
export class QuoteOrderArgs extends OmitType(SubmitOrderArgs, ['idempotencyKey'] as const, ArgsType) {}
