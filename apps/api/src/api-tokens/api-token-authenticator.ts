import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTokenEntity } from '@nprod/database';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { hashApiToken, isWellFormedApiToken } from './api-token-secret';

/** lastUsedAt is written at most this often per token. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns an `nprod_…` bearer token into the caller it stands for: a member of one tenant
 * with the token's role, and nothing else. A refusal comes back as the message to show.
 */
@Injectable()
export class ApiTokenAuthenticator {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async authenticate(bearer: string, now = new Date()): Promise<AuthUser | string> {
    const unknown = 'This API token is not valid: check that it was copied whole, or ask a tenant owner or admin for a new one.';
    if (!isWellFormedApiToken(bearer)) return unknown;
    const token = await this.db.getRepository(ApiTokenEntity).findOneBy({ tokenHash: hashApiToken(bearer) });
    if (!token) return unknown;
    if (token.revokedAt) return `API token ${token.prefix} ("${token.name}") was revoked at ${token.revokedAt.toISOString()}; ask a tenant owner or admin for a new one.`;
    if (token.expiresAt <= now) return `API token ${token.prefix} ("${token.name}") expired at ${token.expiresAt.toISOString()}; ask a tenant owner or admin for a new one.`;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.db.getRepository(ApiTokenEntity).update({ id: token.id }, { lastUsedAt: now });
    }
    return {
      id: token.id,
      email: `${token.prefix} (${token.name})`,
      platformRole: null,
      memberships: [{ tenantId: token.tenantId, role: token.role }],
      apiTokenId: token.id,
    };
  }
}
