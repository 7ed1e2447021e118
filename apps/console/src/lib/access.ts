/**
 * What the console offers to whom: menu entries, buttons and pages ask here (through
 * authProvider.canAccess), so no page decides on its own. It mirrors the API's access policy
 * closely enough to hide what would be refused; the API still decides every request.
 */
import type { PlatformRole, TenantRole } from './enums';
import type { Me } from './types';

/** Strongest first, as the API ranks them. */
export const TENANT_ROLE_RANK: readonly TenantRole[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];
const MANAGING_ROLES: readonly TenantRole[] = ['OWNER', 'ADMIN'];

export type Caller = Pick<Me, 'id' | 'platformRole' | 'memberships'>;

const rank = (role: TenantRole) => TENANT_ROLE_RANK.indexOf(role);
export const outranks = (a: TenantRole, b: TenantRole) => rank(a) < rank(b);

export const isOperator = (caller: Caller | undefined) => caller?.platformRole === 'OPERATOR';
export const isAuditor = (caller: Caller | undefined) => caller?.platformRole === 'AUDITOR';
export const isPlatformStaff = (caller: Caller | undefined) => !!caller?.platformRole;

/** OWNER or ADMIN somewhere: manages that tenant and its subtree. */
export const managesAnyTenant = (caller: Caller | undefined) => !!caller?.memberships.some((membership) => MANAGING_ROLES.includes(membership.role));

/**
 * The strongest role the caller holds over a tenant: their own membership there, or OWNER/ADMIN
 * of an ancestor. Operators act as OWNER. `ancestorIds` are the tenant's ancestors (any order).
 */
export const effectiveRole = (caller: Caller | undefined, tenantId: string, ancestorIds: readonly string[] = []): TenantRole | null => {
  if (!caller) return null;
  if (isOperator(caller)) return 'OWNER';
  let strongest: TenantRole | null = null;
  for (const membership of caller.memberships) {
    const counts = membership.tenantId === tenantId || (ancestorIds.includes(membership.tenantId) && MANAGING_ROLES.includes(membership.role));
    if (counts && (strongest === null || outranks(membership.role, strongest))) strongest = membership.role;
  }
  return strongest;
};

export const canManageTenant = (caller: Caller | undefined, tenantId: string, ancestorIds: readonly string[] = []) => {
  const role = effectiveRole(caller, tenantId, ancestorIds);
  return role !== null && MANAGING_ROLES.includes(role);
};

/** Roles someone may grant (invite, add, change to): never above their own. */
export const assignableRoles = (own: TenantRole | null): TenantRole[] => (own ? TENANT_ROLE_RANK.slice(rank(own)) : []);

/** Tenants whose allocation the caller may set: operators any; owners and admins of the parent for its children. */
export const canSetAllocation = (caller: Caller | undefined, tenant: { parentId?: string | null; ancestorsIds?: readonly string[] } | undefined) => {
  if (isOperator(caller)) return true;
  if (!tenant?.parentId) return false;
  return canManageTenant(caller, tenant.parentId, (tenant.ancestorsIds ?? []).filter((id) => id !== tenant.parentId));
};

export type Action = 'list' | 'show' | 'create' | 'edit' | 'delete' | 'export' | string;

interface AccessRequest {
  action: Action;
  resource: string;
  record?: Record<string, unknown>;
}

const READ: readonly Action[] = ['list', 'show'];
const recordAncestors = (record: Record<string, unknown> | undefined) =>
  Array.isArray(record?.ancestorsIds) ? (record.ancestorsIds as string[]) : [];

/**
 * One decision per (action, resource, record). Record-level answers are used where the record
 * says which tenant it belongs to; otherwise "manages some tenant" is the test and the API
 * narrows it down.
 */
export const canAccess = (caller: Caller | undefined, { action, resource, record }: AccessRequest): boolean => {
  if (!caller) return false;
  if (isOperator(caller)) return true;
  // Clusters are run by operators; the API lets auditors read them, the console keeps the page to operators.
  if (resource === 'sign-ups' || resource === 'clusters') return false;
  const reads = READ.includes(action);
  const manager = managesAnyTenant(caller);
  // Auditors read everything and change nothing (their own display name aside).
  if (isAuditor(caller)) return reads || (resource === 'users' && action === 'edit' && record?.id === caller.id);

  switch (resource) {
    case 'tenants':
      if (reads) return true;
      if (action === 'edit') return record ? canManageTenant(caller, String(record.id), recordAncestors(record)) : manager;
      return false; // onboarding tenants is for operators
    case 'spaces':
    case 'quota-requests':
      if (reads) return true;
      return action === 'create' && manager;
    case 'allocations':
      return reads;
    case 'users':
      if (reads) return true;
      return action === 'edit' && (!record || record.id === caller.id);
    case 'memberships':
      return reads || manager;
    case 'invitations':
    case 'api-tokens':
    case 'audit-events':
      return manager && (reads || action === 'create' || action === 'delete');
    case 'offerings':
    case 'instances':
      return reads;
    case 'orders':
      return reads || (action === 'create' && manager);
    case 'approvals':
      return false; // the approvals inbox is for operators
    case 'tenant-tree':
      return manager;
    default:
      return reads;
  }
};

/** Export of the audit trail: the API allows only auditors and operators. */
export const canExportAudit = (caller: Caller | undefined) => isOperator(caller) || isAuditor(caller);

export const platformRoleOf = (caller: Caller | undefined): PlatformRole | null => caller?.platformRole ?? null;
