import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PlatformRole, TenantRole } from '@nprod/domain';
import { PlatformRoleEnum, TenantRoleEnum } from '../../common/graphql-enums';


// `Membership` is the memberships resource (apps/api/src/memberships); this is the caller's summary of one.
@ObjectType('MeMembership')
export class MembershipModel {
  @Field(() => ID)
  tenantId: string;

  @Field()
  tenantName: string;

  @Field(() => TenantRoleEnum)
  role: TenantRole;
}

@ObjectType('Me')
export class MeModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => PlatformRoleEnum, { nullable: true })
  platformRole: PlatformRole | null;

  @Field(() => [MembershipModel])
  memberships: MembershipModel[];

  @Field({ description: 'A TOTP second factor is confirmed and asked for at every sign-in.' })
  totpEnabled: boolean;

  @Field({ description: 'Configuration requires TOTP for this account (operators with REQUIRE_TOTP_FOR_OPERATORS); until it is on, only me, enrollTotp, confirmTotp, logout and refreshToken work.' })
  totpRequired: boolean;
}
