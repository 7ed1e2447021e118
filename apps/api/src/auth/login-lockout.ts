import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException, ErrorCode } from '../common/app-exception';

/** Failed sign-ins in a row that lock a login. */
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MINUTES = 15;

/** Whose counter: an account (the user row), or a login name that matches no account. */
export type LockoutSubject = { userId: string } | { login: string };

interface Counter {
  failed_login_count: number;
  locked_until: Date | null;
}

/**
 * Counts failed sign-ins in a row and locks for LOCKOUT_MINUTES after LOCKOUT_THRESHOLD.
 * Accounts count on their user row (so the email and the registry number share one
 * counter); unknown login names count in `login_attempts`, and lock the same way, so no
 * answer tells whether an account exists. Each change is one atomic statement.
 */
@Injectable()
export class LoginLockout {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Throws the lockout error while the subject is locked. */
  async assertNotLocked(subject: LockoutSubject, now: Date): Promise<void> {
    const [row] = await this.db.query<Counter[]>(`SELECT failed_login_count, locked_until FROM ${this.table(subject)} WHERE ${this.key(subject)} = $1`, [this.id(subject)]);
    if (row?.locked_until && row.locked_until > now) throw lockedError(row.locked_until, now);
  }

  /** Counts a failure; returns the lockout error when this one locks the subject, else null. */
  async recordFailure(subject: LockoutSubject, now: Date): Promise<AppException | null> {
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
    // A lock that has run out starts a new series: the first failure after it counts as 1.
    const next = `CASE WHEN t.locked_until IS NOT NULL AND t.locked_until <= $2 THEN 1 ELSE t.failed_login_count + 1 END`;
    const set = `failed_login_count = ${next}, locked_until = CASE WHEN ${next} >= ${LOCKOUT_THRESHOLD} THEN $3::timestamptz ELSE NULL END`;
    const rows =
      'userId' in subject
        ? await this.db.query<Counter[]>(`UPDATE users t SET ${set} WHERE t.id = $1 RETURNING t.failed_login_count, t.locked_until`, [subject.userId, now, lockedUntil])
        : await this.db.query<Counter[]>(
            `INSERT INTO login_attempts AS t (login, failed_login_count, locked_until, updated_at) VALUES ($1, 1, NULL, $2)
             ON CONFLICT (login) DO UPDATE SET ${set}, updated_at = $2 RETURNING t.failed_login_count, t.locked_until`,
            [subject.login, now, lockedUntil],
          );
    // The pg driver answers UPDATE … RETURNING with [rows, count] and INSERT … RETURNING with rows.
    const row = Array.isArray(rows[0]) ? (rows[0] as Counter[])[0] : rows[0];
    return row?.locked_until && new Date(row.locked_until) > now ? lockedError(new Date(row.locked_until), now) : null;
  }

  async reset(userId: string): Promise<void> {
    await this.db.query('UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1 AND (failed_login_count <> 0 OR locked_until IS NOT NULL)', [userId]);
  }

  private table(subject: LockoutSubject): string {
    return 'userId' in subject ? 'users' : 'login_attempts';
  }

  private key(subject: LockoutSubject): string {
    return 'userId' in subject ? 'id' : 'login';
  }

  private id(subject: LockoutSubject): string {
    return 'userId' in subject ? subject.userId : subject.login;
  }
}

/** The same words for an account and for a name that matches none. */
function lockedError(lockedUntil: Date, now: Date): AppException {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return new AppException(
    ErrorCode.Unauthenticated,
    `Too many failed sign-ins for this login; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { reason: 'LOGIN_LOCKED', retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) },
  );
}
