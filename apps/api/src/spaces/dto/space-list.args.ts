import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { SpaceStatus } from '@nprod/domain';
import { ListArgs } from '../../common/list.args';
import { SpaceStatusEnum } from '../../common/graphql-enums';

@InputType()
export class SpaceFilter {
  @Field(() => String, { nullable: true, description: 'Matches name, slug or namespace.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => SpaceStatusEnum, { nullable: true })
  status?: SpaceStatus;
}

@ArgsType()
export class SpaceListArgs extends ListArgs {
  @Field(() => SpaceFilter, { nullable: true })
  filter?: SpaceFilter;
}
