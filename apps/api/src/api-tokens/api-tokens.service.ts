import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTokenEntity, TenantEntity } from '@nprod/database';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy, inScope, type TenantScope } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import { generateApiToken } from './api-token-secret';
import type { ApiTokenFilter, ApiTokenListArgs } from './dto/api-token-list.args';
import type { CreateApiTokenArgs } from './dto/create-api-token.args';
import { ApiTokenModel } from './models/api-token.model';
import type { CreateApiTokenPayloadModel } from './models/create-api-token-payload.model';

const SORTABLE: Record<string, string> = { name: 'k.name', role: 'k.role', createdAt: 'k.createdAt', expiresAt: 'k.expiresAt', lastUsedAt: 'k.lastUsedAt', id: 'k.id' };
const MAX_NAME = 100;
/** One year, plus a day so "a year from today" in any time zone fits. */
const MAX_LIFETIME_MS = 366 * 24 * 3600 * 1000;

/**
 * API tokens for automation. Owners and admins of a tenant (and operators) create, list
 * and revoke them; auditors list them; a token never carries a role above its creator's; only hashes are stored.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async create(user: AuthUser, args: CreateApiTokenArgs): Promise<CreateApiTokenPayloadModel> {
    this.assertPerson(user, 'create API tokens');
    await this.assertTenantManageable(user, args.tenantId);
    const name = args.name.trim();
    if (name.length < 1 || name.length > MAX_NAME) throw AppException.badInput('name', `name must be 1 to ${MAX_NAME} characters long, e.g. "ci-deploy".`);
    await this.access.assertCanAssignRole(user, args.tenantId, args.role);
    const expiresAt = this.validateExpiry(args.expiresAt);
    const secret = generateApiToken();
    try {
      const entity = await this.db.getRepository(ApiTokenEntity).save(
        this.db.getRepository(ApiTokenEntity).create({
          tenantId: args.tenantId,
          name,
          role: args.role,
          tokenHash: secret.hash,
          prefix: secret.prefix,
          createdById: user.id,
          expiresAt,
        }),
      );
      return { id: entity.id, token: secret.token, apiToken: ApiTokenModel.from(entity) };
    } catch (error) {
      if (uniqueViolation(error)) {
        throw AppException.conflict(`This tenant already has an active API token named "${name}"; choose another name, or revoke the old token first.`, { field: 'name' });
      }
      throw error;
    }
  }

  async revoke(user: AuthUser, id: string): Promise<ApiTokenModel> {
    this.assertPerson(user, 'revoke API tokens');
    const token = await this.findManageable(user, id);
    if (token.revokedAt) {
      throw AppException.conflict(`API token ${token.prefix} ("${token.name}") was already revoked at ${token.revokedAt.toISOString()}.`, { field: 'id' });
    }
    // Conditional, so two revocations at once cannot both succeed.
    const result = await this.db
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    if (result.affected !== 1) throw AppException.conflict(`API token ${token.prefix} ("${token.name}") was already revoked.`, { field: 'id' });
    return ApiTokenModel.from(await this.db.getRepository(ApiTokenEntity).findOneByOrFail({ id }));
  }

  async get(user: AuthUser, id: string): Promise<ApiTokenModel> {
    return ApiTokenModel.from(await this.findVisible(user, id, await this.visibleTenants(user)));
  }

  async list(user: AuthUser, args: ApiTokenListArgs): Promise<ApiTokenModel[]> {
    const window = listWindow({ sortField: 'createdAt', sortOrder: 'DESC', ...args }, SORTABLE, 'createdAt');
    const now = new Date();
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map((entity) => ApiTokenModel.from(entity, now));
  }

  async count(user: AuthUser, args: ApiTokenListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  /** Revoking needs the tenant managed: an auditor (who sees every token) gets FORBIDDEN. */
  private async findManageable(user: AuthUser, id: string): Promise<ApiTokenEntity> {
    return this.findVisible(user, id, await this.access.manageableTenants(user));
  }

  /**
   * Another tenant's token looks exactly like a missing one; a token in a tenant the caller can
   * read but that is outside `allowed` (a member's own tenant, say) is FORBIDDEN.
   */
  private async findVisible(user: AuthUser, id: string, allowed: TenantScope): Promise<ApiTokenEntity> {
    const token = isUuid(id) ? await this.db.getRepository(ApiTokenEntity).findOneBy({ id }) : null;
    if (!token || !inScope(await this.access.readableTenants(user), token.tenantId)) throw AppException.notFound('API token', id);
    if (!inScope(allowed, token.tenantId)) {
      throw AppException.forbidden('Only owners and admins of this tenant, and platform staff, can see its API tokens; owners, admins and operators revoke them.');
    }
    return token;
  }

  /** Tokens are listed to the tenant's managers, and to platform staff: auditors read every token (never its secret), operators manage them. */
  private async visibleTenants(user: AuthUser): Promise<TenantScope> {
    return user.platformRole ? 'all' : this.access.manageableTenants(user);
  }

  private async assertTenantManageable(user: AuthUser, tenantId: string): Promise<void> {
    if (!isUuid(tenantId)) throw AppException.notFound('Tenant', tenantId);
    await this.access.assertCanManage(user, tenantId, 'create API tokens for this tenant');
    if (!(await this.db.getRepository(TenantEntity).existsBy({ id: tenantId }))) throw AppException.notFound('Tenant', tenantId);
  }

  private validateExpiry(expiresAt: Date): Date {
    const now = Date.now();
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
      throw AppException.badInput('expiresAt', 'expiresAt must be a date and time such as 2026-12-31T00:00:00Z.');
    }
    if (expiresAt.getTime() <= now) throw AppException.badInput('expiresAt', `expiresAt must be in the future, got ${expiresAt.toISOString()}.`);
    if (expiresAt.getTime() > now + MAX_LIFETIME_MS) {
      throw AppException.badInput('expiresAt', `An API token lives at most one year: choose an expiresAt before ${new Date(now + MAX_LIFETIME_MS).toISOString()}.`);
    }
    return expiresAt;
  }

  /** A leaked token must not be able to mint or revoke others: managing tokens needs a person's sign-in. */
  private assertPerson(user: AuthUser, action: string): void {
    if (user.apiTokenId) throw AppException.forbidden(`An API token cannot ${action}; sign in as an owner or admin of the tenant.`);
  }

  private async scopedQuery(user: AuthUser, filter: ApiTokenFilter | undefined): Promise<SelectQueryBuilder<ApiTokenEntity>> {
    const query = this.db.getRepository(ApiTokenEntity).createQueryBuilder('k');
    const scope = await this.visibleTenants(user);
    if (scope !== 'all') {
      if (scope.length === 0) throw AppException.forbidden('Only owners and admins of a tenant, and platform staff, can see API tokens.');
      query.andWhere('k.tenant_id = ANY(:scope::uuid[])', { scope });
    }
    if (filter?.ids) query.andWhere('k.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('k.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.active === true) query.andWhere('k.revoked_at IS NULL AND k.expires_at > now()');
    if (filter?.active === false) query.andWhere('(k.revoked_at IS NOT NULL OR k.expires_at <= now())');
    if (filter?.q?.trim()) query.andWhere('(k.name ILIKE :q OR k.prefix ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }
}
