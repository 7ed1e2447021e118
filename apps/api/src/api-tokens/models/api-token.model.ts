import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { ApiTokenEntity } from '@nprod/database';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';

@ObjectType('ApiToken', { description: 'A bearer token for automation, scoped to one tenant and role. The secret itself is never shown again after creation.' })
export class ApiTokenModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field()
  name: string;

  @Field(() => TenantRoleEnum, { description: 'What the token may do in its tenant.' })
  role: TenantRole;

  @Field({ description: 'The visible start of the token, e.g. nprod_1a2b3c4d.' })
  prefix: string;

  @Field(() => ID, { nullable: true })
  createdById: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last time the token was used, to the minute.' })
  lastUsedAt: Date | null;

  @Field({ description: 'Neither revoked nor expired.' })
  active: boolean;

  static from(entity: ApiTokenEntity, now = new Date()): ApiTokenModel {
    const { id, tenantId, name, role, prefix, createdById, createdAt, expiresAt, revokedAt, lastUsedAt } = entity;
    return { id, tenantId, name, role, prefix, createdById, createdAt, expiresAt, revokedAt, lastUsedAt, active: !revokedAt && expiresAt > now };
  }
}
