import { PlatformRole } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased so logins are case-insensitive. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  /** Personal registry number (IIN); a second login name for individuals. */
  @Index({ unique: true, where: 'registry_number IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  registryNumber: string | null;

  /** Argon2id hash; null for accounts that only sign in through SSO. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'enum', enum: PlatformRole, enumName: 'platform_role', nullable: true })
  platformRole: PlatformRole | null;

  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
