import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { UserEntity, UserTotpEntity } from '@nprod/database';
import { PlatformRole } from '@nprod/domain';
import { DataSource } from 'typeorm';
import { AppException, ErrorCode } from '../common/app-exception';
import type { AuthUser } from './auth-user';
import { KeyedRateLimiter } from './keyed-rate-limiter';
import { SecretBox } from './secret-box';
import { base32Encode, generateTotpSecret, otpauthUri, verifyTotp } from './totp';

export interface TotpStatus {
  enabled: boolean;
  required: boolean;
}

export type TotpCheck = 'ok' | 'invalid';

const CODE = /^\d{6}$/;

/**
 * The optional TOTP second factor of local accounts. Secrets are stored sealed with
 * DATA_ENCRYPTION_KEY; a code is accepted once (the step is remembered).
 */
@Injectable()
export class TotpService {
  private readonly logger = new Logger(TotpService.name);
  private readonly box: SecretBox | null;
  /** Guesses at confirm and disable codes, per user: sign-in guesses are limited by the lockout instead. */
  private readonly codeGuesses = new KeyedRateLimiter(5, 5);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = config.auth.dataEncryptionKey ? new SecretBox(config.auth.dataEncryptionKey, 'totp-secret') : null;
  }

  async status(user: { id: string; platformRole: PlatformRole | null }): Promise<TotpStatus> {
    return { enabled: await this.isEnabled(user.id), required: this.isRequired(user) };
  }

  isRequired(user: { platformRole: PlatformRole | null }): boolean {
    return this.config.auth.requireTotpForOperators && user.platformRole === PlatformRole.Operator;
  }

  async isEnabled(userId: string): Promise<boolean> {
    const row = await this.db.getRepository(UserTotpEntity).findOne({ where: { userId }, select: { userId: true, confirmedAt: true } });
    return Boolean(row?.confirmedAt);
  }

  /** Starts (or restarts) enrolment with a new secret; it protects nothing until confirmTotp. */
  async enroll(caller: AuthUser): Promise<{ secret: string; otpauthUri: string }> {
    const user = await this.localAccount(caller, 'turn on two-factor sign-in');
    const box = this.requireBox();
    const existing = await this.db.getRepository(UserTotpEntity).findOneBy({ userId: user.id });
    if (existing?.confirmedAt) {
      throw AppException.conflict('Two-factor sign-in is already on for your account. To move it to another device, call disableTotp with a current code, then enrollTotp again.');
    }
    const secret = generateTotpSecret();
    await this.db
      .getRepository(UserTotpEntity)
      .upsert({ userId: user.id, secretEncrypted: box.seal(secret, user.id), confirmedAt: null, lastUsedStep: '0' }, { conflictPaths: ['userId'] });
    const base32 = base32Encode(secret);
    return { secret: base32, otpauthUri: otpauthUri(base32, user.email) };
  }

  async confirm(caller: AuthUser, code: string): Promise<void> {
    const user = await this.localAccount(caller, 'turn on two-factor sign-in');
    const row = await this.db.getRepository(UserTotpEntity).findOneBy({ userId: user.id });
    if (!row) throw AppException.badInput('code', 'There is no enrolment to confirm; call enrollTotp first, add the secret to your authenticator app, then confirm with its code.');
    if (row.confirmedAt) throw AppException.conflict('Two-factor sign-in is already on for your account; there is nothing to confirm.', { field: 'code' });
    await this.checkGuarded(user.id, row, code);
    await this.db.getRepository(UserTotpEntity).update({ userId: user.id }, { confirmedAt: new Date() });
  }

  async disable(caller: AuthUser, code: string): Promise<void> {
    const user = await this.localAccount(caller, 'turn off two-factor sign-in');
    const row = await this.db.getRepository(UserTotpEntity).findOneBy({ userId: user.id });
    if (!row?.confirmedAt) throw AppException.conflict('Two-factor sign-in is not on for your account; there is nothing to turn off.', { field: 'code' });
    if (this.isRequired(user)) {
      throw AppException.forbidden('Operators must keep two-factor sign-in on (REQUIRE_TOTP_FOR_OPERATORS). To move it to another device, ask another operator to reset it.');
    }
    await this.checkGuarded(user.id, row, code);
    await this.db.getRepository(UserTotpEntity).delete({ userId: user.id });
  }

  /** For sign-in: whether `code` is a fresh valid code of the user's confirmed factor. */
  async checkForLogin(userId: string, code: string): Promise<TotpCheck> {
    const row = await this.db.getRepository(UserTotpEntity).findOneBy({ userId });
    if (!row?.confirmedAt) return 'ok';
    return (await this.accept(row, code)) ? 'ok' : 'invalid';
  }

  private async checkGuarded(userId: string, row: UserTotpEntity, code: string): Promise<void> {
    if (!CODE.test(code.trim())) throw AppException.badInput('code', 'code must be the 6 digits your authenticator app shows now.');
    const wait = this.codeGuesses.take(userId);
    if (wait > 0) throw AppException.tooManyRequests(`Too many codes tried; wait ${wait} seconds and try again.`, wait);
    if (!(await this.accept(row, code.trim()))) {
      throw AppException.badInput('code', 'That code does not match. Enter the code your authenticator app shows now, and check that the device clock is set automatically.');
    }
  }

  /** Verifies and consumes the step in one conditional UPDATE, so a code cannot be used twice, even concurrently. */
  private async accept(row: UserTotpEntity, code: string): Promise<boolean> {
    const step = verifyTotp(this.openSecret(row), code.trim(), Date.now(), Number(row.lastUsedStep));
    if (step === null) return false;
    const [, affected] = await this.db.query<[unknown, number]>('UPDATE user_totp SET last_used_step = $2 WHERE user_id = $1 AND last_used_step < $2', [row.userId, step]);
    return affected === 1;
  }

  private openSecret(row: UserTotpEntity): Buffer {
    try {
      return this.requireBox().open(row.secretEncrypted, row.userId);
    } catch (error) {
      if (error instanceof AppException) throw error;
      this.logger.error({ msg: 'cannot decrypt a TOTP secret: was DATA_ENCRYPTION_KEY changed?', userId: row.userId });
      throw new AppException(ErrorCode.Internal, 'Your second factor cannot be checked right now; contact the platform operator.');
    }
  }

  private requireBox(): SecretBox {
    if (!this.box) throw AppException.forbidden('Two-factor sign-in is not available: the platform operator has not set DATA_ENCRYPTION_KEY.');
    return this.box;
  }

  private async localAccount(caller: AuthUser, action: string): Promise<UserEntity> {
    if (caller.apiTokenId) throw AppException.forbidden(`An API token cannot ${action}; sign in as a person.`);
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: caller.id });
    if (!user) throw AppException.unauthenticated();
    if (!user.passwordHash) {
      throw AppException.forbidden(`Your account signs in through single sign-on, so you cannot ${action} here; your identity provider handles second factors.`);
    }
    return user;
  }
}
