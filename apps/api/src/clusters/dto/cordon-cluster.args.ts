import { ArgsType, Field, ID } from '@nestjs/graphql';

@ArgsType()
export class CordonClusterArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Why no new spaces go there (shown to operators and in waiting orders), e.g. "node upgrade until Friday".' })
  reason: string;
}
