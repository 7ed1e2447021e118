import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { OutboxMessageEntity } from '@nprod/database';
import { QueueName, createQueueBackend } from '@nprod/jobs';
import type { KubeEmulator } from '@nprod/testing';
import type { Queue } from 'bullmq';
import { IsNull, type DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpaceAccessService } from '../../apps/worker/src/rbac/space-access.service';
import { eventually, startEmulatedPlatform, type EmulatedPlatform, type Platform } from '../support/platform-harness';
import type { Tenancy } from '../support/tenancy-fixture';

/**
 * The RBAC sync writes only the RoleBindings that differ, proven with the emulator's request
 * log: one list request per space, and no write request for a space whose bindings are right.
 */
let stack: EmulatedPlatform;
let emulator: KubeEmulator;
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let rbacQueue: Queue;
let rbac: RbacAuthorizationV1Api;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const roleBindingRequests = (namespace: string) => emulator.requests.filter((request) => request.path.includes(`/namespaces/${namespace}/rolebindings`));
const roleBindingWrites = (namespace: string) => roleBindingRequests(namespace).filter((request) => WRITES.has(request.method));

/** Every RBAC sync job relayed from the outbox and run to the end. */
async function rbacSettles(): Promise<void> {
  await eventually(async () => {
    const relayed = !(await db.getRepository(OutboxMessageEntity).existsBy({ jobName: 'tenant.rbac.sync', relayedAt: IsNull() }));
    const counts = await rbacQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return relayed && Object.values(counts).every((count) => count === 0) ? true : undefined;
  }, 'the RBAC sync jobs to finish');
}

async function createSpace(slug: string): Promise<string> {
  const { createSpace } = await t.clients.owner.data(
    `mutation($tenantId: ID!, $slug: String!) { createSpace(tenantId: $tenantId, name: $slug, slug: $slug, cpuMillicores: 500, memoryMiB: 512, storageGiB: 1) { id namespace } }`,
    { tenantId: t.own.id, slug },
  );
  await eventually(async () => ((await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: createSpace.id })).Space.status === 'ACTIVE' ? true : undefined), `space ${slug} to become ACTIVE`);
  return createSpace.namespace;
}

beforeAll(async () => {
  // No periodic reconcile during the test: it re-applies whole spaces, RoleBindings included.
  stack = await startEmulatedPlatform({ RECONCILE_INTERVAL_SECONDS: '3600' }, { readinessDelayMs: 10 });
  ({ emulator, platform, db, t } = stack);
  rbac = stack.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  rbacQueue = createQueueBackend(platform.worker.context.get<AppConfig>(APP_CONFIG).queue).createQueue(QueueName.Rbac);
});

afterAll(async () => {
  await rbacQueue?.close();
  await stack?.stop();
});

describe('the RBAC sync of a tenant', () => {
  let first: string;
  let second: string;

  it('does not re-apply the bindings of other spaces after a space order', async () => {
    first = await createSpace('alpha');
    second = await createSpace('beta');
    await rbacSettles();
    emulator.resetRequests();

    const third = await createSpace('gamma');
    await rbacSettles();
    // The space order's sync looked at every space of the tenant, one list request each ...
    for (const namespace of [first, second, third]) {
      expect(roleBindingRequests(namespace).filter((request) => request.method === 'GET')).not.toHaveLength(0);
    }
    // ... and wrote nothing in the spaces whose bindings were already right.
    expect(roleBindingWrites(first)).toEqual([]);
    expect(roleBindingWrites(second)).toEqual([]);
  });

  it('makes no write request at all when nothing changed', async () => {
    emulator.resetRequests();
    await platform.worker.context.get(SpaceAccessService).syncTenant(t.own.id);
    const requests = emulator.requests.filter((request) => request.path.includes('/rolebindings'));
    expect(requests.map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
    expect(emulator.requests.filter((request) => WRITES.has(request.method))).toEqual([]);
  });

  it('still updates every affected space when a membership really changes, touching only the binding that differs', async () => {
    emulator.resetRequests();
    await t.clients.operator.data(`mutation($tenantId: ID!, $userId: ID!) { createMembership(tenantId: $tenantId, userId: $userId, role: VIEWER) { id } }`, {
      tenantId: t.own.id,
      userId: t.userIds.siblingOwner,
    });
    await rbacSettles();
    for (const namespace of [first, second]) {
      expect(roleBindingWrites(namespace).map((request) => `${request.method} ${request.path.split('/').pop()}`)).toEqual(['PATCH space-view']);
    }
  });

  it('puts back a binding deleted by hand on the next sync, because it compares with the cluster and not with a record', async () => {
    await rbac.deleteNamespacedRoleBinding({ name: 'space-edit', namespace: first });
    emulator.resetRequests();
    await platform.worker.context.get(SpaceAccessService).syncTenant(t.own.id);
    expect(roleBindingWrites(first).map((request) => `${request.method} ${request.path.split('/').pop()}`)).toEqual(['PATCH space-edit']);
    expect(roleBindingWrites(second)).toEqual([]);
  });
});
