import { ArgsType, Field, ID } from '@nestjs/graphql';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';

@ArgsType()
export class CreateMembershipArgs {
  @Field(() => ID)
  tenantId: string;

  @Field(() => ID, { description: 'An existing user you can see; new people are invited by email instead.' })
  userId: string;

  @Field(() => TenantRoleEnum, { description: 'At most your own role in the tenant.' })
  role: TenantRole;
}

@ArgsType()
export class UpdateMembershipArgs {
  @Field(() => ID)
  id: string;

  @Field(() => TenantRoleEnum, { description: 'At most your own role in the tenant; the last OWNER cannot be demoted.' })
  role: TenantRole;
}
