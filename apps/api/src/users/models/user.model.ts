import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { UserEntity } from '@nprod/database';
import { PlatformRole } from '@nprod/domain';
import { PlatformRoleEnum } from '../../common/graphql-enums';

@ObjectType('User', { description: 'A person who signs in. Tenant roles are Memberships; platform roles are OPERATOR and AUDITOR.' })
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Also the Kubernetes user name in RoleBindings (see docs/decisions/0007).' })
  email: string;

  @Field()
  displayName: string;

  @Field(() => PlatformRoleEnum, { nullable: true })
  platformRole: PlatformRole | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  static from(entity: UserEntity): UserModel {
    const { id, email, displayName, platformRole, createdAt } = entity;
    return { id, email, displayName, platformRole, createdAt };
  }
}
