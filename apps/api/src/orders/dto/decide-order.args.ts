import { ArgsType, Field, ID } from '@nestjs/graphql';

@ArgsType()
export class ApproveOrderArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'An optional note, kept in the order events.' })
  reason?: string | null;
}

@ArgsType()
export class RejectOrderArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Why, in words the tenant can act on: required, 3 to 2000 characters.' })
  reason: string;
}

@ArgsType()
export class OrderIdArgs {
  @Field(() => ID)
  id: string;
}
