import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { PlatformRole } from '@nprod/domain';
import { PlatformRoleEnum } from '../../common/graphql-enums';
import { ListArgs } from '../../common/list.args';

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Matches email or display name.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true, description: 'Members of this tenant.' })
  tenantId?: string;

  @Field(() => PlatformRoleEnum, { nullable: true })
  platformRole?: PlatformRole;
}

@ArgsType()
export class UserListArgs extends ListArgs {
  @Field(() => UserFilter, { nullable: true })
  filter?: UserFilter;
}
