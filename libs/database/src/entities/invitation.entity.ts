import { TenantRole } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

/**
 * An e-mailed invitation to join a tenant with a role. The link's token is stored only as
 * a SHA-256 hash; an invitation is accepted once, before it expires, unless revoked.
 */
@Entity('invitations')
@Index('ix_invitations_tenant_email', ['tenantId', 'email'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  tenant?: TenantEntity;

  /** Stored lower-cased, like users' e-mails. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'enum', enum: TenantRole, enumName: 'tenant_role' })
  role: TenantRole;

  @Index({ unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  invitedBy?: UserEntity | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  acceptedUser?: UserEntity | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
