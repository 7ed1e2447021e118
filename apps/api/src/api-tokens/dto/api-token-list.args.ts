import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ListArgs } from '../../common/list.args';

@InputType()
export class ApiTokenFilter {
  @Field(() => String, { nullable: true, description: 'Matches the name or the prefix.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only usable tokens; false: only revoked or expired ones.' })
  active?: boolean;
}

@ArgsType()
export class ApiTokenListArgs extends ListArgs {
  @Field(() => ApiTokenFilter, { nullable: true })
  filter?: ApiTokenFilter;
}
