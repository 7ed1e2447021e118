import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlatformRole, TenantRole } from '@nprod/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';

/** Every tenant id the caller may read, or `all` for platform staff. */
export type TenantScope = 'all' | string[];

const MANAGING_ROLES = new Set<TenantRole>([TenantRole.Owner, TenantRole.Admin]);

/**
 * The one place that decides who may see and change what. Resolvers and services ask it;
 * none filters by tenant on its own. Owners and admins reach their tenant's whole subtree
 * (a regional agency manages its municipalities); other members only their own tenant.
 */
@Injectable()
export class AccessPolicy {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async readableTenants(user: AuthUser): Promise<TenantScope> {
    if (user.platformRole) return 'all';
    const managed = user.memberships.filter((m) => MANAGING_ROLES.has(m.role)).map((m) => m.tenantId);
    const own = user.memberships.map((m) => m.tenantId);
    return [...new Set([...own, ...(await this.subtree(managed))])];
  }

  async manageableTenants(user: AuthUser): Promise<TenantScope> {
    if (user.platformRole === PlatformRole.Operator) return 'all';
    return this.subtree(user.memberships.filter((m) => MANAGING_ROLES.has(m.role)).map((m) => m.tenantId));
  }

  /** Throws NOT_FOUND for a tenant the caller cannot see: another tenant's id looks exactly like a missing one. */
  async assertCanRead(user: AuthUser, tenantId: string): Promise<void> {
    if (!inScope(await this.readableTenants(user), tenantId)) throw AppException.notFound('Tenant', tenantId);
  }

  /** Throws NOT_FOUND when the tenant is invisible, FORBIDDEN when visible but read-only for the caller. */
  async assertCanManage(user: AuthUser, tenantId: string, action: string): Promise<void> {
    await this.assertCanRead(user, tenantId);
    if (!inScope(await this.manageableTenants(user), tenantId)) {
      throw AppException.forbidden(`Your role does not allow you to ${action}; ask an owner or admin of this tenant, or a platform operator.`);
    }
  }

  assertOperator(user: AuthUser, action: string): void {
    if (user.platformRole !== PlatformRole.Operator) {
      throw AppException.forbidden(`Only platform operators can ${action}.`);
    }
  }

  private async subtree(roots: string[]): Promise<string[]> {
    if (roots.length === 0) return [];
    const rows = await this.db.query<Array<{ id: string }>>(
      `WITH RECURSIVE subtree AS (
         SELECT id FROM tenants WHERE id = ANY($1::uuid[])
         UNION SELECT t.id FROM tenants t JOIN subtree s ON t.parent_id = s.id
       ) SELECT id FROM subtree`,
      [roots],
    );
    return rows.map((row) => row.id);
  }
}

export function inScope(scope: TenantScope, tenantId: string): boolean {
  return scope === 'all' || scope.includes(tenantId);
}
