import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { InvitationEntity } from '@nprod/database';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';

/** Keys spelled like the values: GraphQL shows the keys. */
export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

export function invitationStatus(entity: Pick<InvitationEntity, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = new Date()): InvitationStatus {
  if (entity.acceptedAt) return InvitationStatus.ACCEPTED;
  if (entity.revokedAt) return InvitationStatus.REVOKED;
  return entity.expiresAt.getTime() <= now.getTime() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
}

@ObjectType('Invitation', { description: 'An e-mailed invitation to join a tenant with a role. The link itself is shown to nobody: it is only in the e-mail.' })
export class InvitationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field()
  email: string;

  @Field(() => TenantRoleEnum)
  role: TenantRole;

  @Field(() => InvitationStatus)
  status: InvitationStatus;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => ID, { nullable: true })
  invitedById: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  acceptedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  static from(entity: InvitationEntity): InvitationModel {
    const { id, tenantId, email, role, expiresAt, invitedById, acceptedAt, revokedAt, createdAt } = entity;
    return { id, tenantId, email, role, status: invitationStatus(entity), expiresAt, invitedById, acceptedAt, revokedAt, createdAt };
  }
}
