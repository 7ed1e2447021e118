import { TenantRole } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

/**
 * A bearer token for automation, scoped to one tenant and one role. Only the SHA-256 hash
 * of the token is stored; the plaintext is shown once, when it is created.
 */
@Entity('api_tokens')
@Index('uq_api_tokens_tenant_active_name', ['tenantId', 'name'], { unique: true, where: 'revoked_at IS NULL' })
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: TenantRole, enumName: 'tenant_role' })
  role: TenantRole;

  /** SHA-256 (hex) of the whole token. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  /** The visible start of the token (`nprod_<prefix>`), so people can tell tokens apart. */
  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  createdBy?: UserEntity;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Updated at most once a minute, so a busy token does not write on every request. */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
