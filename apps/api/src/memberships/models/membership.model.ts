import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';

/** A row of the membership list: the ids plus the names a list shows, read in the same query. */
export interface MembershipRow {
  id: string;
  tenantId: string;
  userId: string;
  role: TenantRole;
  createdAt: Date;
  tenantName: string;
  userEmail: string;
  userDisplayName: string;
}

@ObjectType('Membership', { description: "A person's role in one tenant. OWNER and ADMIN also manage the tenant's subtree." })
export class MembershipModel implements MembershipRow {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => ID)
  userId: string;

  @Field(() => TenantRoleEnum)
  role: TenantRole;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field()
  tenantName: string;

  @Field()
  userEmail: string;

  @Field()
  userDisplayName: string;

  static from(row: MembershipRow): MembershipModel {
    const { id, tenantId, userId, role, createdAt, tenantName, userEmail, userDisplayName } = row;
    return { id, tenantId, userId, role, createdAt, tenantName, userEmail, userDisplayName };
  }
}
