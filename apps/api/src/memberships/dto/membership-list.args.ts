import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';
import { ListArgs } from '../../common/list.args';

@InputType()
export class MembershipFilter {
  @Field(() => String, { nullable: true, description: "Matches the person's email or name, or the tenant's name." })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field(() => TenantRoleEnum, { nullable: true })
  role?: TenantRole;
}

@ArgsType()
export class MembershipListArgs extends ListArgs {
  @Field(() => MembershipFilter, { nullable: true })
  filter?: MembershipFilter;
}
