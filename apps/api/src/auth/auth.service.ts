import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { ApiTokenEntity, MembershipEntity, RefreshTokenEntity, TenantEntity, UserEntity } from '@nprod/database';
import { DataSource, IsNull, Not } from 'typeorm';
import { ApiTokenAuthenticator } from '../api-tokens/api-token-authenticator';
import { isApiToken } from '../api-tokens/api-token-secret';
import { AppException, ErrorCode } from '../common/app-exception';
import { signAccessToken, verifyAccessToken } from './access-token';
import type { AuthUser } from './auth-user';
import { KeyedRateLimiter } from './keyed-rate-limiter';
import { LoginLockout, type LockoutSubject } from './login-lockout';
import type { AuthPayloadModel } from './models/auth-payload.model';
import type { MeModel } from './models/me.model';
import { hashPassword, verifyPassword } from './password-hasher';
import { TotpService } from './totp.service';

const INVALID_LOGIN = 'Wrong login or password. Check the email or registry number and the password, then try again.';
const INVALID_BEARER = 'Your session has expired or the token is invalid; sign in again or refresh the token.';
const REGISTRY_NUMBER = /^\d{12}$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Where a sign-in comes from: the throttle and the audit trail key on the address. */
export interface LoginSource {
  address: string;
}

@Injectable()
export class AuthService {
  /** Verified against when the login matches no account, so the answer takes as long either way. */
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));
  /** Sign-in attempts per source address (and sign-ups, invitation acceptances, SSO code exchanges), refused before any Argon2 work. */
  private readonly loginThrottle: KeyedRateLimiter;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LoginLockout) private readonly lockout: LoginLockout,
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(ApiTokenAuthenticator) private readonly apiTokens: ApiTokenAuthenticator,
  ) {
    this.loginThrottle = new KeyedRateLimiter(config.auth.loginRatePerMinute, config.auth.loginBurst);
  }

  /**
   * Password sign-in, then the TOTP code when the account has one. Throttled per source
   * address before hashing; 10 failures in a row lock the login (known or not) for 15 minutes.
   */
  async login(login: string, password: string, otp: string | null | undefined, source: LoginSource): Promise<AuthPayloadModel> {
    this.throttle(source, 'sign-in attempts');
    const normalised = login.trim().toLowerCase();
    if (!normalised) throw AppException.badInput('login', 'Enter your email or 12-digit registry number.');
    if (!password) throw AppException.badInput('password', 'Enter your password.');
    const now = new Date();
    const users = this.db.getRepository(UserEntity);
    const user = REGISTRY_NUMBER.test(normalised) ? await users.findOneBy({ registryNumber: normalised }) : await users.findOneBy({ email: normalised });
    const subject: LockoutSubject = user ? { userId: user.id } : { login: normalised };
    await this.lockout.assertNotLocked(subject, now);
    const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await this.decoyHash, password).then(() => false);
    if (!user || !valid) throw (await this.lockout.recordFailure(subject, now)) ?? AppException.unauthenticated(INVALID_LOGIN);
    const code = otp?.trim();
    if (await this.totp.isEnabled(user.id)) {
      // Asking for the code is the normal second step, not a failure; a wrong code is one.
      if (!code) throw new AppException(ErrorCode.Unauthenticated, 'Enter the 6-digit code from your authenticator app: two-factor sign-in is on for this account.', { reason: 'TOTP_REQUIRED', field: 'otp' });
      if ((await this.totp.checkForLogin(user.id, code)) !== 'ok') {
        throw (
          (await this.lockout.recordFailure(subject, now)) ??
          new AppException(ErrorCode.Unauthenticated, 'That code does not match. Enter the code your authenticator app shows now; a code works only once.', { reason: 'TOTP_INVALID', field: 'otp' })
        );
      }
    }
    await this.lockout.reset(user.id);
    return this.issueTokens(user, randomUUID());
  }

  /**
   * The per-address throttle of `login`, for every public mutation that hashes a password or
   * checks a secret (sign-up, accepting an invitation, the single sign-on code exchange). Call it
   * first, before any lookup or Argon2 work. They share one bucket per address with `login`, so
   * spreading guesses over several mutations buys no extra attempts.
   */
  throttle(source: LoginSource, what: string): void {
    const wait = this.loginThrottle.take(source.address);
    if (wait > 0) throw AppException.tooManyRequests(`Too many ${what} from your network address; wait ${wait} seconds and try again.`, wait);
  }

  /** A new session for a user authenticated some other way (single sign-on, accepted invitation). */
  startSession(user: UserEntity): Promise<AuthPayloadModel> {
    return this.issueTokens(user, randomUUID());
  }

  /** Rotates a refresh token. Presenting one that was already used means it leaked: the whole login is revoked. */
  async refresh(refreshToken: string): Promise<AuthPayloadModel> {
    const tokens = this.db.getRepository(RefreshTokenEntity);
    const stored = await tokens.findOneBy({ tokenHash: sha256(refreshToken) });
    const expired = 'Your session has ended; sign in again.';
    if (!stored || stored.revokedAt || stored.expiresAt.getTime() <= Date.now()) throw AppException.unauthenticated(expired);
    const claimed = await tokens.update({ id: stored.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (claimed.affected !== 1) {
      await this.revokeSession(stored.familyId);
      throw AppException.unauthenticated('This refresh token was already used, so the session was closed for safety; sign in again.');
    }
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: stored.userId });
    if (!user) throw AppException.unauthenticated(expired);
    return this.issueTokens(user, stored.familyId);
  }

  /**
   * Ends a session: the refresh token's family (or, without one, the caller's current
   * session), so its refresh tokens and access tokens stop working. Ending an ended session is not an error.
   */
  async logout(refreshToken: string | null | undefined, caller: AuthUser | undefined): Promise<boolean> {
    if (refreshToken) {
      const stored = await this.db.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: sha256(refreshToken) });
      if (!stored) throw AppException.badInput('refreshToken', 'This refresh token is not one we issued; send the refresh token you received when you signed in.');
      await this.revokeSession(stored.familyId);
      return true;
    }
    if (caller?.sessionId) {
      await this.revokeSession(caller.sessionId);
      return true;
    }
    if (caller?.apiTokenId) throw AppException.badInput('refreshToken', 'An API token has no session to end; revoke it with revokeApiToken instead.');
    throw AppException.unauthenticated('To sign out, send your refresh token, or call logout with your access token in the Authorization header.');
  }

  /** The caller behind an access token or an API token, with current memberships; null when the token is not valid. */
  async authenticate(bearer: string): Promise<AuthUser | null> {
    const caller = await this.identify(bearer);
    return typeof caller === 'string' ? null : caller;
  }

  /** Like authenticate, but a refusal comes back as the message to show the caller. */
  async identify(bearer: string): Promise<AuthUser | string> {
    if (isApiToken(bearer)) return this.apiTokens.authenticate(bearer);
    const claims = verifyAccessToken(bearer, this.config.auth.jwtSecret);
    if (!claims) return INVALID_BEARER;
    const [user, memberships, sessionEnded] = await Promise.all([
      this.db.getRepository(UserEntity).findOneBy({ id: claims.sub }),
      this.db.getRepository(MembershipEntity).find({ where: { userId: claims.sub }, select: { tenantId: true, role: true } }),
      claims.sid ? this.db.getRepository(RefreshTokenEntity).exists({ where: { familyId: claims.sid, revokedAt: Not(IsNull()) } }) : Promise.resolve(false),
    ]);
    if (!user) return INVALID_BEARER;
    if (sessionEnded) return 'You signed out, or this session was closed for safety; sign in again.';
    const mustEnrolTotp = this.totp.isRequired(user) && !(await this.totp.isEnabled(user.id));
    return { id: user.id, email: user.email, platformRole: user.platformRole, memberships, sessionId: claims.sid, mustEnrolTotp };
  }

  async me(userId: string): Promise<MeModel> {
    const user = await this.db.getRepository(UserEntity).findOneByOrFail({ id: userId });
    const memberships = await this.db
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoin(TenantEntity, 't', 't.id = m.tenant_id')
      .select(['m.tenant_id AS "tenantId"', 't.name AS "tenantName"', 'm.role AS role'])
      .where('m.user_id = :userId', { userId })
      .orderBy('t.name')
      .getRawMany<MeModel['memberships'][number]>();
    const totp = await this.totp.status(user);
    return { id: user.id, email: user.email, displayName: user.displayName, platformRole: user.platformRole, memberships, totpEnabled: totp.enabled, totpRequired: totp.required };
  }

  /** `me` for whoever calls: a person, or an API token (described as the member it acts as). */
  async describe(caller: AuthUser): Promise<MeModel> {
    if (!caller.apiTokenId) return this.me(caller.id);
    const token = await this.db.getRepository(ApiTokenEntity).findOneByOrFail({ id: caller.apiTokenId });
    const tenant = await this.db.getRepository(TenantEntity).findOneByOrFail({ id: token.tenantId });
    return {
      id: token.id,
      email: caller.email,
      displayName: `API token "${token.name}"`,
      platformRole: null,
      memberships: [{ tenantId: token.tenantId, tenantName: tenant.name, role: token.role }],
      totpEnabled: false,
      totpRequired: false,
    };
  }

  private async revokeSession(familyId: string): Promise<void> {
    await this.db.getRepository(RefreshTokenEntity).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issueTokens(user: UserEntity, familyId: string): Promise<AuthPayloadModel> {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds, jwtSecret } = this.config.auth;
    const refreshToken = randomBytes(32).toString('base64url');
    await this.db.getRepository(RefreshTokenEntity).insert({
      userId: user.id,
      tokenHash: sha256(refreshToken),
      familyId,
      expiresAt: new Date(Date.now() + refreshTokenTtlSeconds * 1000),
    });
    return {
      accessToken: signAccessToken({ sub: user.id, email: user.email, prl: user.platformRole, sid: familyId }, jwtSecret, accessTokenTtlSeconds),
      refreshToken,
      expiresIn: accessTokenTtlSeconds,
      user: await this.me(user.id),
    };
  }
}
