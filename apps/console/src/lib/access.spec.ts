import { describe, expect, it } from 'vitest';
import { assignableRoles, canAccess, canExportAudit, canManageTenant, canSetAllocation, effectiveRole, type Caller } from './access';

const operator: Caller = { id: 'op', platformRole: 'OPERATOR', memberships: [] };
const auditor: Caller = { id: 'au', platformRole: 'AUDITOR', memberships: [] };
const agencyAdmin: Caller = { id: 'ad', platformRole: null, memberships: [{ tenantId: 'agency', tenantName: 'Agency', role: 'ADMIN' }] };
const member: Caller = { id: 'me', platformRole: null, memberships: [{ tenantId: 'town', tenantName: 'Town', role: 'MEMBER' }] };

describe('effective roles', () => {
  it('counts an OWNER or ADMIN of an ancestor, never a MEMBER of one', () => {
    expect(effectiveRole(agencyAdmin, 'town', ['agency'])).toBe('ADMIN');
    expect(effectiveRole(agencyAdmin, 'sibling-agency', [])).toBeNull();
    expect(effectiveRole({ ...member, memberships: [{ tenantId: 'agency', tenantName: 'A', role: 'MEMBER' }] }, 'town', ['agency'])).toBeNull();
    expect(effectiveRole(operator, 'anything')).toBe('OWNER');
  });

  it('offers only roles up to your own', () => {
    expect(assignableRoles('ADMIN')).toEqual(['ADMIN', 'MEMBER', 'VIEWER']);
    expect(assignableRoles('OWNER')).toEqual(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER']);
    expect(assignableRoles(null)).toEqual([]);
  });

  it('lets operators and the parent’s managers set an allocation, not the tenant itself', () => {
    expect(canSetAllocation(operator, { parentId: null })).toBe(true);
    expect(canSetAllocation(agencyAdmin, { parentId: 'agency', ancestorsIds: ['agency'] })).toBe(true);
    expect(canSetAllocation(agencyAdmin, { parentId: null })).toBe(false);
    expect(canManageTenant(member, 'town')).toBe(false);
  });
});

describe('canAccess', () => {
  it('gives operators everything and auditors read-only access', () => {
    expect(canAccess(operator, { action: 'create', resource: 'tenants' })).toBe(true);
    expect(canAccess(auditor, { action: 'list', resource: 'audit-events' })).toBe(true);
    expect(canAccess(auditor, { action: 'create', resource: 'api-tokens' })).toBe(false);
    expect(canAccess(auditor, { action: 'edit', resource: 'users', record: { id: 'au' } })).toBe(true);
    expect(canAccess(auditor, { action: 'list', resource: 'sign-ups' })).toBe(false);
    expect(canAccess(auditor, { action: 'list', resource: 'clusters' })).toBe(false);
  });

  it('shows tenant managers their audit log, tokens and invitations, and plain members none of them', () => {
    for (const resource of ['audit-events', 'api-tokens', 'invitations', 'tenant-tree']) {
      expect(canAccess(agencyAdmin, { action: 'list', resource })).toBe(true);
      expect(canAccess(member, { action: 'list', resource })).toBe(false);
    }
    expect(canAccess(member, { action: 'list', resource: 'quota-requests' })).toBe(true);
    expect(canAccess(member, { action: 'create', resource: 'quota-requests' })).toBe(false);
  });

  it('lets people rename only the tenants they manage, and edit only themselves', () => {
    expect(canAccess(agencyAdmin, { action: 'edit', resource: 'tenants', record: { id: 'town', ancestorsIds: ['agency'] } })).toBe(true);
    expect(canAccess(member, { action: 'edit', resource: 'tenants', record: { id: 'town', ancestorsIds: [] } })).toBe(false);
    expect(canAccess(member, { action: 'edit', resource: 'users', record: { id: 'me' } })).toBe(true);
    expect(canAccess(member, { action: 'edit', resource: 'users', record: { id: 'someone-else' } })).toBe(false);
    expect(canAccess(undefined, { action: 'list', resource: 'tenants' })).toBe(false);
  });

  it('leaves the audit export to auditors and operators, as the API does', () => {
    expect(canExportAudit(auditor)).toBe(true);
    expect(canExportAudit(agencyAdmin)).toBe(false);
  });
});
