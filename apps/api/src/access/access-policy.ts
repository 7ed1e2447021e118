import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlatformRole, TenantRole, TenantStatus, describeEnumValue } from '@nprod/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';

/** Every tenant id the caller may read, or `all` for platform staff. */
export type TenantScope = 'all' | string[];

/** Users the caller may see: everyone, or the members of `tenantIds` and the caller. */
export type UserScope = 'all' | { tenantIds: string[]; selfId: string };

const MANAGING_ROLES = new Set<TenantRole>([TenantRole.Owner, TenantRole.Admin]);

/** Strongest first: a role may grant itself and anything after it. */
export const TENANT_ROLE_RANK: readonly TenantRole[] = [TenantRole.Owner, TenantRole.Admin, TenantRole.Member, TenantRole.Viewer];

const outranks = (a: TenantRole, b: TenantRole) => TENANT_ROLE_RANK.indexOf(a) < TENANT_ROLE_RANK.indexOf(b);

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

  /** Users the caller may see: platform staff all; everyone else the members of the tenants they can read, and themselves. */
  async readableUsers(user: AuthUser): Promise<UserScope> {
    const tenants = await this.readableTenants(user);
    return tenants === 'all' ? 'all' : { tenantIds: tenants, selfId: user.id };
  }

  /**
   * The strongest role the caller holds over a tenant: their own membership there, or OWNER/ADMIN
   * of an ancestor (which manages the subtree). Operators act as OWNER; null when none.
   */
  async effectiveRole(user: AuthUser, tenantId: string): Promise<TenantRole | null> {
    if (user.platformRole === PlatformRole.Operator) return TenantRole.Owner;
    const ancestors = new Set(await this.ancestors(tenantId));
    let strongest: TenantRole | null = null;
    for (const membership of user.memberships) {
      const counts = membership.tenantId === tenantId || (ancestors.has(membership.tenantId) && MANAGING_ROLES.has(membership.role));
      if (counts && (strongest === null || outranks(membership.role, strongest))) strongest = membership.role;
    }
    return strongest;
  }

  /**
   * Nobody grants, changes or removes a role above their own: an ADMIN cannot make an OWNER
   * nor touch one. Call after assertCanManage.
   */
  async assertCanAssignRole(user: AuthUser, tenantId: string, ...roles: TenantRole[]): Promise<void> {
    const own = await this.effectiveRole(user, tenantId);
    const above = roles.find((role) => own === null || outranks(role, own));
    if (above) {
      throw AppException.forbidden(`${own ? `Your role here is ${describeEnumValue(own)}, so you` : 'You are not a member here and'} cannot grant, change or remove the ${describeEnumValue(above)} role; ask an owner of this tenant or a platform operator.`, { field: 'role' });
    }
  }

  /**
   * Every order (spaces now, instances later) goes through here: a suspended or pending tenant
   * can sign in and read, but orders nothing, and the message says why.
   */
  assertTenantAcceptsOrders(tenant: { name: string; status: TenantStatus; statusReason: string | null }, what: string): void {
    if (tenant.status === TenantStatus.Active) return;
    const why = tenant.statusReason ? ` Reason: ${tenant.statusReason}` : '';
    const next = tenant.status === TenantStatus.Suspended ? 'a platform operator can activate it again' : 'a platform operator verifies it first';
    throw AppException.forbidden(`${tenant.name} is ${tenant.status.toLowerCase()}, so it cannot ${what} until ${next}.${why}`, { reason: `TENANT_${tenant.status}` });
  }

  /** Platform-wide objects (clusters): operators and auditors read them, nobody else. */
  assertPlatformStaff(user: AuthUser, action: string): void {
    if (!user.platformRole) throw AppException.forbidden(`Only platform operators and auditors can ${action}.`);
  }

  assertOperator(user: AuthUser, action: string): void {
    if (user.platformRole !== PlatformRole.Operator) {
      throw AppException.forbidden(`Only platform operators can ${action}.`);
    }
  }

  /** The tenant's ancestors, nearest first. */
  async ancestors(tenantId: string): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `WITH RECURSIVE up AS (
         SELECT parent_id AS id, 1 AS depth FROM tenants WHERE id = $1::uuid
         UNION SELECT t.parent_id, up.depth + 1 FROM tenants t JOIN up ON t.id = up.id WHERE up.depth < 100
       ) SELECT id FROM up WHERE id IS NOT NULL ORDER BY depth`,
      [tenantId],
    );
    return rows.map((row) => row.id);
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
