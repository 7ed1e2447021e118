import { ArgsType, Field, ID } from '@nestjs/graphql';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';

@ArgsType()
export class InviteUserArgs {
  @Field(() => ID)
  tenantId: string;

  @Field({ description: 'Where the invitation link is sent.' })
  email: string;

  @Field(() => TenantRoleEnum, { description: 'Role in the tenant; no higher than your own (operators: any).' })
  role: TenantRole;
}
