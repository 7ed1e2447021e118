import { AuditEventEntity, OutboxMessageEntity } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import { type TestDatabase } from '../support/test-database';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let t: Tenancy;

const MEMBERSHIP_FIELDS = 'id tenantId userId role tenantName userEmail userDisplayName';
const CREATE = `mutation($tenantId: ID!, $userId: ID!, $role: TenantRole!) { createMembership(tenantId: $tenantId, userId: $userId, role: $role) { ${MEMBERSHIP_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $role: TenantRole!) { updateMembership(id: $id, role: $role) { ${MEMBERSHIP_FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteMembership(id: $id) { ${MEMBERSHIP_FIELDS} } }`;
const LIST = `query($filter: MembershipFilter) { allMemberships(filter: $filter, perPage: 100, sortField: "userEmail") { ${MEMBERSHIP_FIELDS} } _allMembershipsMeta(filter: $filter) { count } }`;

const rbacJobs = (tenantId: string) =>
  db.getRepository(OutboxMessageEntity).createQueryBuilder('o').where("o.job_name = 'tenant.rbac.sync' AND o.payload->>'tenantId' = :tenantId", { tenantId }).getCount();

async function membershipOf(userId: string, tenantId: string): Promise<{ id: string; role: string }> {
  const { allMemberships } = await t.clients.operator.data(LIST, { filter: { userId, tenantId } });
  return allMemberships[0];
}

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  t = await createTenancy(db, () => api.client());
});

afterAll(() => stopApiStack({ db, api, database }));

describe('memberships over GraphQL', () => {
  it('lists with ra-data-graphql-simple paging, sorting and filters, within what the caller may see', async () => {
    const own = await t.clients.viewer.data(LIST, { filter: { tenantId: t.own.id } });
    expect(own._allMembershipsMeta.count).toBe(4);
    expect(own.allMemberships.map((m: { role: string }) => m.role).sort()).toEqual(['ADMIN', 'MEMBER', 'OWNER', 'VIEWER']);
    expect(own.allMemberships[0]).toMatchObject({ tenantName: t.own.name, userEmail: expect.stringContaining('@test.nprod.local') });
    const byRole = await t.clients.viewer.data(LIST, { filter: { tenantId: t.own.id, role: 'OWNER' } });
    expect(byRole.allMemberships.map((m: { userId: string }) => m.userId)).toEqual([t.userIds.owner]);
    // A member sees only their own tenant; an agency admin the whole subtree.
    const viewerAll = await t.clients.viewer.data(LIST, {});
    expect(new Set(viewerAll.allMemberships.map((m: { tenantId: string }) => m.tenantId))).toEqual(new Set([t.own.id]));
    const agencyAdmin = api.client();
    await agencyAdmin.login(t.emails.agencyAdmin, 'correct horse battery staple');
    const subtree = await agencyAdmin.data(LIST, {});
    const tenants = new Set(subtree.allMemberships.map((m: { tenantId: string }) => m.tenantId));
    expect(tenants).toEqual(new Set([t.agency.id, t.own.id, t.sibling.id]));
    const bad = await t.clients.viewer.request(`{ allMemberships(sortField: "password") { id } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sortField' });
  });

  it('lets an owner add, promote, demote and remove members, each with an RBAC sync job in the same transaction', async () => {
    const jobsBefore = await rbacJobs(t.own.id);
    // The sibling's owner is invisible to the own tenant's owner: joining them takes an invitation.
    const invisible = await t.clients.owner.request(CREATE, { tenantId: t.own.id, userId: t.userIds.siblingOwner, role: 'MEMBER' });
    expect(invisible.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { createMembership } = await t.clients.operator.data(CREATE, { tenantId: t.own.id, userId: t.userIds.siblingOwner, role: 'VIEWER' });
    expect(createMembership).toMatchObject({ tenantId: t.own.id, userId: t.userIds.siblingOwner, role: 'VIEWER', userEmail: t.emails.siblingOwner });
    const duplicate = await t.clients.owner.request(CREATE, { tenantId: t.own.id, userId: t.userIds.siblingOwner, role: 'MEMBER' });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'userId', membershipId: createMembership.id });
    const promoted = await t.clients.owner.data(UPDATE, { id: createMembership.id, role: 'ADMIN' });
    expect(promoted.updateMembership.role).toBe('ADMIN');
    const removed = await t.clients.owner.data(DELETE, { id: createMembership.id });
    expect(removed.deleteMembership).toMatchObject({ id: createMembership.id, role: 'ADMIN' });
    const gone = await t.clients.owner.request(`query($id: ID!) { Membership(id: $id) { id } }`, { id: createMembership.id });
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await rbacJobs(t.own.id)).toBe(jobsBefore + 3);
  });

  it('never lets anyone grant, change or remove a role above their own', async () => {
    const adminMembership = await membershipOf(t.userIds.admin, t.own.id);
    const ownerMembership = await membershipOf(t.userIds.owner, t.own.id);
    const memberMembership = await membershipOf(t.userIds.member, t.own.id);
    const jobsBefore = await rbacJobs(t.own.id);
    const cases = [
      await t.clients.admin.request(UPDATE, { id: memberMembership.id, role: 'OWNER' }),
      await t.clients.admin.request(UPDATE, { id: adminMembership.id, role: 'OWNER' }),
      await t.clients.admin.request(UPDATE, { id: ownerMembership.id, role: 'VIEWER' }),
      await t.clients.admin.request(DELETE, { id: ownerMembership.id }),
    ];
    for (const result of cases) {
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'role' });
      expect(result.errors?.[0].message).toContain('owner role');
    }
    // Members and viewers see the memberships but change none of them.
    const byMember = await t.clients.member.request(UPDATE, { id: memberMembership.id, role: 'VIEWER' });
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // An admin may move others up to ADMIN.
    const promoted = await t.clients.admin.data(UPDATE, { id: memberMembership.id, role: 'ADMIN' });
    expect(promoted.updateMembership.role).toBe('ADMIN');
    await t.clients.admin.data(UPDATE, { id: memberMembership.id, role: 'MEMBER' });
    expect(await rbacJobs(t.own.id)).toBe(jobsBefore + 2);
  });

  it('keeps the last OWNER: demoting or removing them is refused with a clear error, and works once there is another', async () => {
    const ownerMembership = await membershipOf(t.userIds.owner, t.own.id);
    const demote = await t.clients.owner.request(UPDATE, { id: ownerMembership.id, role: 'ADMIN' });
    expect(demote.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_OWNER', field: 'role' });
    expect(demote.errors?.[0].message).toMatch(/last OWNER .* make someone else OWNER first/);
    const remove = await t.clients.operator.request(DELETE, { id: ownerMembership.id });
    expect(remove.errors?.[0].extensions?.reason).toBe('LAST_OWNER');

    const adminMembership = await membershipOf(t.userIds.admin, t.own.id);
    await t.clients.owner.data(UPDATE, { id: adminMembership.id, role: 'OWNER' });
    // Two owners demoting each other at the same time: the tenant lock lets only one through.
    const [first, second] = await Promise.all([
      t.clients.owner.request(UPDATE, { id: ownerMembership.id, role: 'ADMIN' }),
      t.clients.admin.request(UPDATE, { id: adminMembership.id, role: 'ADMIN' }),
    ]);
    expect([first, second].filter((result) => !result.errors).length).toBe(1);
    const { allMemberships } = await t.clients.operator.data(LIST, { filter: { tenantId: t.own.id, role: 'OWNER' } });
    expect(allMemberships).toHaveLength(1);
    // Restore: owner OWNER, admin ADMIN.
    const survivor = allMemberships[0];
    if (survivor.userId !== t.userIds.owner) {
      await t.clients.operator.data(UPDATE, { id: ownerMembership.id, role: 'OWNER' });
      await t.clients.operator.data(UPDATE, { id: adminMembership.id, role: 'ADMIN' });
    }
    expect((await membershipOf(t.userIds.owner, t.own.id)).role).toBe('OWNER');
    expect((await membershipOf(t.userIds.admin, t.own.id)).role).toBe('ADMIN');
  });

  it('lets an agency admin manage memberships of its municipalities, but never a sibling tree or another tenant', async () => {
    const agencyAdmin = api.client();
    await agencyAdmin.login(t.emails.agencyAdmin, 'correct horse battery staple');
    const { createMembership } = await agencyAdmin.data(CREATE, { tenantId: t.own.id, userId: t.userIds.siblingOwner, role: 'MEMBER' });
    // ADMIN of the agency cannot make anyone OWNER of the municipality.
    const owner = await agencyAdmin.request(UPDATE, { id: createMembership.id, role: 'OWNER' });
    expect(owner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await agencyAdmin.data(DELETE, { id: createMembership.id });
    const otherMembership = await membershipOf(t.userIds.otherOwner, t.other.id);
    const hidden = await agencyAdmin.request(UPDATE, { id: otherMembership.id, role: 'VIEWER' });
    const missing = await agencyAdmin.request(UPDATE, { id: '00000000-0000-4000-8000-000000000000', role: 'VIEWER' });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message.replace(otherMembership.id, 'ID')).toBe(missing.errors?.[0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
  });

  it('records every permission change in the audit trail with its tenant', async () => {
    const events = await db.getRepository(AuditEventEntity).find({ where: { action: 'updateMembership' }, order: { id: 'ASC' } });
    expect(events.length).toBeGreaterThan(3);
    const successes = events.filter((event) => event.outcome === 'SUCCESS');
    expect(successes.every((event) => event.tenantId && event.targetType === 'Membership' && event.targetId)).toBe(true);
    expect(events.some((event) => event.outcome === 'DENIED')).toBe(true);
    const deletes = await db.getRepository(AuditEventEntity).find({ where: { action: 'deleteMembership', outcome: 'SUCCESS' as never } });
    expect(deletes.every((event) => event.tenantId === t.own.id)).toBe(true);
  });
});

describe('users over GraphQL', () => {
  const USERS = `query($filter: UserFilter) { allUsers(filter: $filter, perPage: 200, sortField: "email") { id email platformRole memberships { tenantId role } } _allUsersMeta(filter: $filter) { count } }`;
  const UPDATE_USER = `mutation($id: ID!, $displayName: String, $platformRole: PlatformRole) { updateUser(id: $id, displayName: $displayName, platformRole: $platformRole) { id displayName platformRole } }`;

  it('shows operators and auditors everyone, managers their subtree, members their own tenant', async () => {
    const ids = async (persona: keyof Tenancy['clients'], filter: Record<string, unknown> = {}) =>
      new Set((await t.clients[persona].data(USERS, { filter })).allUsers.map((u: { id: string }) => u.id));
    const everyone = await ids('operator');
    expect(await ids('auditor')).toEqual(everyone);
    for (const id of Object.values(t.userIds)) expect(everyone.has(id)).toBe(true);
    const ownTenant = [t.userIds.owner, t.userIds.admin, t.userIds.member, t.userIds.viewer];
    expect(await ids('viewer')).toEqual(new Set(ownTenant));
    expect(await ids('owner')).toEqual(new Set(ownTenant));
    const agencyAdmin = api.client();
    await agencyAdmin.login(t.emails.agencyAdmin, 'correct horse battery staple');
    const agencyView = new Set((await agencyAdmin.data(USERS, {})).allUsers.map((u: { id: string }) => u.id));
    expect(agencyView.has(t.userIds.siblingOwner)).toBe(true);
    expect(agencyView.has(t.userIds.otherOwner)).toBe(false);
    expect(await ids('operator', { tenantId: t.own.id })).toEqual(new Set(ownTenant));
    expect(await ids('viewer', { tenantId: t.other.id })).toEqual(new Set());
    expect(await ids('operator', { platformRole: 'AUDITOR' })).toEqual(new Set([t.userIds.auditor]));
    // A member sees only the memberships it may see, even of someone who has more.
    const { allUsers } = await t.clients.viewer.data(USERS, { filter: { ids: [t.userIds.owner] } });
    expect(allUsers[0].memberships).toEqual([{ tenantId: t.own.id, role: 'OWNER' }]);
  });

  it('lets people rename themselves, operators rename anyone and change platform roles, but never their own', async () => {
    const self = await t.clients.member.data(UPDATE_USER, { id: t.userIds.member, displayName: 'Renamed Member', platformRole: null });
    expect(self.updateUser).toMatchObject({ displayName: 'Renamed Member', platformRole: null });
    const other = await t.clients.owner.request(UPDATE_USER, { id: t.userIds.member, displayName: 'Not yours' });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const promoteSelf = await t.clients.owner.request(UPDATE_USER, { id: t.userIds.owner, platformRole: 'OPERATOR' });
    expect(promoteSelf.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'platformRole' });
    const operatorSelf = await t.clients.operator.request(UPDATE_USER, { id: t.userIds.operator, platformRole: null });
    expect(operatorSelf.errors?.[0].message).toContain('your own platform role');
    const granted = await t.clients.operator.data(UPDATE_USER, { id: t.userIds.viewer, platformRole: 'AUDITOR' });
    expect(granted.updateUser.platformRole).toBe('AUDITOR');
    // Effective at once: the next request of that user reads the whole audit trail.
    expect((await t.clients.viewer.request('{ _allAuditEventsMeta { count } }')).errors).toBeUndefined();
    await t.clients.operator.data(UPDATE_USER, { id: t.userIds.viewer, platformRole: null });
    const hidden = await t.clients.viewer.request(`query($id: ID!) { User(id: $id) { id } }`, { id: t.userIds.otherOwner });
    const missing = await t.clients.viewer.request(`query($id: ID!) { User(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message.replace(t.userIds.otherOwner, 'ID')).toBe(missing.errors?.[0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
  });
});
