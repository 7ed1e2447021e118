import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Consecutive failed sign-ins for a login name that matches no account. Accounts keep
 * their own counter on the user row; this table makes unknown names lock the same way,
 * so the answers never tell whether an account exists.
 */
@Entity('login_attempts')
export class LoginAttemptEntity {
  /** The login as typed, trimmed and lower-cased (an email or a 12-digit registry number). */
  @PrimaryColumn({ type: 'text' })
  login: string;

  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
