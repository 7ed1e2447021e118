import { ArgsType, Field, GraphQLISODateTime, ID } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';

@ArgsType()
export class ResizeInstanceArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'The new plan (default: the current one, e.g. to change a custom size).' })
  planKey?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Parameters to change, merged over the current ones (the size of a custom plan goes here).' })
  parameters?: unknown;

  @Field(() => String, { nullable: true, description: 'As for submitOrder; a new one per call when left out.' })
  idempotencyKey?: string | null;
}

@ArgsType()
export class DecommissionInstanceArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'As for submitOrder; a new one per call when left out.' })
  idempotencyKey?: string | null;
}

@ArgsType()
export class RenewInstanceArgs {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The new end of the lease, in the future; null removes the end.' })
  leaseEndsAt?: Date | null;
}

@ArgsType()
export class InstanceIdArgs {
  @Field(() => ID)
  id: string;
}
