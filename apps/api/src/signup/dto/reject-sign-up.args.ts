import { ArgsType, Field, ID } from '@nestjs/graphql';

@ArgsType()
export class RejectSignUpArgs {
  @Field(() => ID, { description: 'The pending tenant.' })
  id: string;

  @Field({ description: 'Why, in words the customer can act on; they see it.' })
  reason: string;
}
