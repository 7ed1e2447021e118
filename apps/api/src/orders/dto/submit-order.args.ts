import { ArgsType, Field, GraphQLISODateTime, ID } from '@nestjs/graphql';
import { OrderAction } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { OrderActionEnum } from '../../common/graphql-enums';

@ArgsType()
export class SubmitOrderArgs {
  @Field(() => ID)
  tenantId: string;

  @Field(() => OrderActionEnum, { nullable: true, description: 'CREATE (default) a new instance, MODIFY (resize, change parameters) or DELETE an existing one.' })
  action?: OrderAction | null;

  @Field(() => ID, { nullable: true, description: 'CREATE: the offering to order. MODIFY and DELETE use the instance\'s own.' })
  offeringId?: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE: required. MODIFY: the new plan (default: the current one).' })
  planKey?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: "Checked against the offering version's JSON Schema. MODIFY: merged over the current parameters." })
  parameters?: unknown;

  @Field(() => ID, { nullable: true, description: 'CREATE: the ACTIVE space the instance runs in.' })
  spaceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'MODIFY and DELETE: the instance.' })
  instanceId?: string | null;

  @Field(() => String, { nullable: true, description: 'CREATE: the instance name, 3-30 characters a-z, 0-9 and "-", starting with a letter; unique in the space. Default: generated from the offering.' })
  name?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'CREATE: optional end of the lease (in the future).' })
  leaseEndsAt?: Date | null;

  @Field({ description: 'Repeat a submit with the same key and body and the same order comes back; the same key with another body is a CONFLICT. 1-200 characters.' })
  idempotencyKey: string;
}
