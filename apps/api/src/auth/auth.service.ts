import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { MembershipEntity, RefreshTokenEntity, TenantEntity, UserEntity } from '@nprod/database';
import { DataSource, IsNull } from 'typeorm';
import { AppException } from '../common/app-exception';
import { signAccessToken, verifyAccessToken } from './access-token';
import type { AuthUser } from './auth-user';
import type { AuthPayloadModel } from './models/auth-payload.model';
import type { MeModel } from './models/me.model';
import { hashPassword, verifyPassword } from './password-hasher';

const INVALID_LOGIN = 'Wrong login or password. Check the email or registry number and the password, then try again.';
const REGISTRY_NUMBER = /^\d{12}$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the login matches no account, so the answer takes as long either way. */
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(login: string, password: string): Promise<AuthPayloadModel> {
    const normalised = login.trim().toLowerCase();
    if (!normalised) throw AppException.badInput('login', 'Enter your email or 12-digit registry number.');
    if (!password) throw AppException.badInput('password', 'Enter your password.');
    const users = this.db.getRepository(UserEntity);
    const user = REGISTRY_NUMBER.test(normalised)
      ? await users.findOneBy({ registryNumber: normalised })
      : await users.findOneBy({ email: normalised });
    const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await this.decoyHash, password).then(() => false);
    if (!user || !valid) throw AppException.unauthenticated(INVALID_LOGIN);
    return this.issueTokens(user, randomUUID());
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
      await tokens.update({ familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      throw AppException.unauthenticated('This refresh token was already used, so the session was closed for safety; sign in again.');
    }
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: stored.userId });
    if (!user) throw AppException.unauthenticated(expired);
    return this.issueTokens(user, stored.familyId);
  }

  /** The caller behind an access token, with current memberships; null when the token is not valid. */
  async authenticate(accessToken: string): Promise<AuthUser | null> {
    const claims = verifyAccessToken(accessToken, this.config.auth.jwtSecret);
    if (!claims) return null;
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: claims.sub });
    if (!user) return null;
    const memberships = await this.db.getRepository(MembershipEntity).find({ where: { userId: user.id }, select: { tenantId: true, role: true } });
    return { id: user.id, email: user.email, platformRole: user.platformRole, memberships };
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
    return { id: user.id, email: user.email, displayName: user.displayName, platformRole: user.platformRole, memberships };
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
      accessToken: signAccessToken({ sub: user.id, email: user.email, prl: user.platformRole }, jwtSecret, accessTokenTtlSeconds),
      refreshToken,
      expiresIn: accessTokenTtlSeconds,
      user: await this.me(user.id),
    };
  }
}
