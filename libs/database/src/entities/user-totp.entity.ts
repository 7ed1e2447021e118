import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** A user's TOTP second factor (RFC 6238). Pending until confirmed with a first code. */
@Entity('user_totp')
export class UserTotpEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The shared secret, AES-256-GCM encrypted with a key derived from DATA_ENCRYPTION_KEY. */
  @Column({ type: 'text' })
  secretEncrypted: string;

  /** Null while enrolment is pending; the factor is enforced once set. */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The last 30-second step a code was accepted for; a code is never accepted twice. */
  @Column({ type: 'bigint', default: 0 })
  lastUsedStep: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
