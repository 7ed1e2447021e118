import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PlatformRole, TenantRole } from '@nprod/domain';
import { PlatformRoleEnum, TenantRoleEnum } from '../../common/graphql-enums';


@ObjectType('Membership')
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
}
