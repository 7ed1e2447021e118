import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';
import { ListArgs } from '../../common/list.args';
import { InvitationStatus } from '../models/invitation.model';

@InputType()
export class InvitationFilter {
  @Field(() => String, { nullable: true, description: 'Matches the e-mail.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => InvitationStatus, { nullable: true })
  status?: InvitationStatus;

  @Field(() => TenantRoleEnum, { nullable: true })
  role?: TenantRole;
}

@ArgsType()
export class InvitationListArgs extends ListArgs {
  @Field(() => InvitationFilter, { nullable: true })
  filter?: InvitationFilter;
}
