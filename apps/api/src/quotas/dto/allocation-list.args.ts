import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ListArgs } from '../../common/list.args';

@InputType()
export class AllocationFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => String, { nullable: true })
  region?: string;
}

@ArgsType()
export class AllocationListArgs extends ListArgs {
  @Field(() => AllocationFilter, { nullable: true })
  filter?: AllocationFilter;
}
