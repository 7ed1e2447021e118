import { join } from 'node:path';
import { KubeConfig, RbacAuthorizationV1Api, type V1RoleBinding } from '@kubernetes/client-node';
import { createDataSource } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * Kubernetes RBAC follows membership, end to end: GraphQL mutation -> outbox -> worker ->
 * RoleBindings in the worker's built-in emulator (real HTTP, real client).
 */
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let rbac: RbacAuthorizationV1Api;
let namespace: string;

const MEMBERSHIPS = `query($filter: MembershipFilter) { allMemberships(filter: $filter) { id role } }`;
const CREATE = `mutation($tenantId: ID!, $userId: ID!, $role: TenantRole!) { createMembership(tenantId: $tenantId, userId: $userId, role: $role) { id } }`;
const UPDATE = `mutation($id: ID!, $role: TenantRole!) { updateMembership(id: $id, role: $role) { id } }`;
const DELETE = `mutation($id: ID!) { deleteMembership(id: $id) { id } }`;

type Bindings = Record<'admin' | 'edit' | 'view', string[] | null>;

async function bindings(): Promise<Bindings> {
  const list = await rbac.listNamespacedRoleBinding({ namespace, labelSelector: 'app.kubernetes.io/managed-by=nprod' });
  const of = (role: string): string[] | null => {
    const binding = list.items.find((item: V1RoleBinding) => item.metadata?.name === `space-${role}`);
    if (!binding) return null;
    expect(binding.roleRef).toMatchObject({ kind: 'ClusterRole', name: role });
    expect(binding.metadata?.labels?.['nprod.io/space-role']).toBe(role);
    return (binding.subjects ?? []).map((subject) => `${subject.kind}:${subject.name}`).sort();
  };
  return { admin: of('admin'), edit: of('edit'), view: of('view') };
}

/** Waits until the RoleBindings match `expected` (null: no binding for that role). */
function bindingsBecome(expected: Partial<Bindings>, what: string): Promise<Bindings> {
  let last: Bindings | undefined;
  return eventually(
    async () => {
      last = await bindings();
      return Object.entries(expected).every(([role, subjects]) => JSON.stringify(last![role as keyof Bindings]) === JSON.stringify(subjects ? [...subjects].sort() : null)) ? last : undefined;
    },
    `${what} (last seen ${JSON.stringify(last)})`,
    30_000,
    100,
  );
}

const user = (email: string) => `User:${email}`;

beforeAll(async () => {
  platform = await startPlatform({ KUBE_CLUSTER_REGIONS: 'almaty' });
  db = await createDataSource({ url: platform.database.url, poolSize: 2 }).initialize();
  t = await createTenancy(db, () => platform.api.client());
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(join(platform.dataDir, 'kubeconfig'));
  rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
});

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
});

describe('space RoleBindings follow tenant membership', () => {
  it('binds the current members when the space is created: OWNER/ADMIN admin, MEMBER edit, VIEWER view, agency admins admin', async () => {
    const { createSpace } = await t.clients.owner.data(
      `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Web", slug: "web", cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 5) { id namespace } }`,
      { tenantId: t.own.id },
    );
    namespace = createSpace.namespace;
    await eventually(async () => {
      const space = (await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { status statusReason } }`, { id: createSpace.id })).Space;
      if (space.status === 'FAILED') throw new Error(`space failed: ${space.statusReason}`);
      return space.status === 'ACTIVE' ? space : undefined;
    }, 'the space to become ACTIVE');
    const current = await bindingsBecome(
      {
        admin: [user(t.emails.owner), user(t.emails.admin), user(t.emails.agencyAdmin)],
        edit: [user(t.emails.member)],
        view: [user(t.emails.viewer)],
      },
      'the first RoleBindings',
    );
    // Platform operators are not bound per space, nor the sibling's or another tenant's people.
    expect(JSON.stringify(current)).not.toContain(t.emails.operator);
    expect(JSON.stringify(current)).not.toContain(t.emails.siblingOwner);
  });

  it('adds a new member, moves them when their role changes, and removes them when the membership goes', async () => {
    const { createMembership } = await t.clients.operator.data(CREATE, { tenantId: t.own.id, userId: t.userIds.siblingOwner, role: 'VIEWER' });
    await bindingsBecome({ view: [user(t.emails.viewer), user(t.emails.siblingOwner)] }, 'the new viewer to be bound');
    await t.clients.owner.data(UPDATE, { id: createMembership.id, role: 'MEMBER' });
    await bindingsBecome({ edit: [user(t.emails.member), user(t.emails.siblingOwner)], view: [user(t.emails.viewer)] }, 'the promoted member to move to edit');
    await t.clients.owner.data(DELETE, { id: createMembership.id });
    await bindingsBecome({ edit: [user(t.emails.member)], view: [user(t.emails.viewer)] }, 'the removed member to be gone');
  });

  it('deletes a RoleBinding that has no subjects left, and recreates it when someone gets that role again', async () => {
    const viewerMembership = (await t.clients.operator.data(MEMBERSHIPS, { filter: { tenantId: t.own.id, userId: t.userIds.viewer } })).allMemberships[0];
    await t.clients.owner.data(DELETE, { id: viewerMembership.id });
    await bindingsBecome({ view: null, edit: [user(t.emails.member)] }, 'the empty space-view binding to be deleted');
    // The owner no longer shares a tenant with the removed viewer, so cannot see them: the operator re-adds them.
    await t.clients.operator.data(CREATE, { tenantId: t.own.id, userId: t.userIds.viewer, role: 'VIEWER' });
    await bindingsBecome({ view: [user(t.emails.viewer)] }, 'space-view to come back');
  });

  it("follows the agency's owners and admins into its municipalities' spaces", async () => {
    const { createMembership } = await t.clients.operator.data(CREATE, { tenantId: t.agency.id, userId: t.userIds.otherOwner, role: 'ADMIN' });
    await bindingsBecome({ admin: [user(t.emails.owner), user(t.emails.admin), user(t.emails.agencyAdmin), user(t.emails.otherOwner)] }, 'the new agency admin to be admin');
    // An agency MEMBER gets nothing in the municipality: only managers reach the subtree.
    await t.clients.operator.data(UPDATE, { id: createMembership.id, role: 'MEMBER' });
    const after = await bindingsBecome({ admin: [user(t.emails.owner), user(t.emails.admin), user(t.emails.agencyAdmin)] }, 'the demoted agency member to lose access');
    expect(JSON.stringify(after)).not.toContain(t.emails.otherOwner);
  });
});
