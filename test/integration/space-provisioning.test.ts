import { CoreV1Api } from '@kubernetes/client-node';
import { AllocationEntity } from '@nprod/database';
import type { KubeEmulator } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offeringId, orderSettles } from '../support/order-fixtures';
import { eventually, startEmulatedPlatform, type EmulatedPlatform } from '../support/platform-harness';
import type { Tenancy } from '../support/tenancy-fixture';

/**
 * Space orders end to end in one process: submitOrder -> outbox -> worker -> the Kubernetes
 * API emulator over real HTTP. Resizing re-applies the ResourceQuota; deleting removes the
 * namespace, waits for it to be gone, and only then gives the quota back.
 */
let stack: EmulatedPlatform;
let emulator: KubeEmulator;
let db: DataSource;
let t: Tenancy;
let core: CoreV1Api;
let compute: string;

/** Long enough to see a namespace Terminating on a loaded machine. */
const NAMESPACE_TERMINATION_MS = 1_500;

const SUBMIT = `mutation($tenantId: ID!, $action: OrderAction, $offeringId: ID, $planKey: String, $spaceId: ID, $name: String, $parameters: JSON, $key: String!) {
  submitOrder(tenantId: $tenantId, action: $action, offeringId: $offeringId, planKey: $planKey, spaceId: $spaceId, name: $name, parameters: $parameters, idempotencyKey: $key) { id status spaceId }
}`;
const ORDER = `query($id: ID!) { Order(id: $id) { id status statusReason events { toStatus reason } } }`;
const SPACE = `query($id: ID!) { Space(id: $id) { id status statusReason namespace planKey cpuMillicores memoryMiB storageGiB } }`;

const used = async () => {
  const allocation = await db.getRepository(AllocationEntity).findOneByOrFail({ tenantId: t.own.id, region: 'almaty' });
  return { cpu: allocation.usedCpuMillicores, memory: allocation.usedMemoryMiB, storage: allocation.usedStorageGiB, spaces: allocation.usedSpaces };
};

const spaceOf = async (id: string) => (await t.clients.owner.data(SPACE, { id })).Space;
const quotaHard = async (namespace: string) => (await core.readNamespacedResourceQuota({ name: 'space-quota', namespace })).spec?.hard;

async function readySpace(name: string, planKey = 's', parameters?: Record<string, unknown>): Promise<{ spaceId: string; namespace: string }> {
  const { submitOrder } = await t.clients.owner.data(SUBMIT, { tenantId: t.own.id, offeringId: compute, planKey, parameters, name, key: `create-${name}` });
  await orderSettles(t.clients.owner, submitOrder.id, 'COMPLETED');
  const space = await spaceOf(submitOrder.spaceId);
  expect(space.status).toBe('ACTIVE');
  return { spaceId: space.id, namespace: space.namespace };
}

beforeAll(async () => {
  stack = await startEmulatedPlatform({ RECONCILE_INTERVAL_SECONDS: '1', PROVISION_TIMEOUT_SECONDS: '10' }, { readinessDelayMs: 20, namespaceTerminationMs: NAMESPACE_TERMINATION_MS });
  ({ emulator, db, t } = stack);
  core = stack.kubeConfig.makeApiClient(CoreV1Api);
  compute = await offeringId(t.clients.owner, 'compute-space');
});

afterAll(() => stack?.stop());

describe('space orders carried out by the worker', () => {
  it('creates a space of plan S with its ResourceQuota at that size', async () => {
    const { namespace } = await readySpace('Plan S');
    expect(await quotaHard(namespace)).toMatchObject({ 'requests.cpu': '2', 'limits.cpu': '2', 'requests.memory': '4Gi', 'requests.storage': '20Gi' });
  });

  it('resizes: the ResourceQuota gets the new hard values, the space its new size, and the allocation only the growth', async () => {
    const { spaceId, namespace } = await readySpace('Grows');
    const before = await used();
    const { submitOrder } = await t.clients.owner.data(SUBMIT, { tenantId: t.own.id, action: 'MODIFY', spaceId, planKey: 'm', key: 'resize-grows' });
    expect((await used()).cpu).toBe(before.cpu + 2000);
    const done = await orderSettles(t.clients.owner, submitOrder.id, 'COMPLETED');
    expect(done.events.at(-1).reason).toBe(`Namespace ${namespace} now has 4 CPU, 8 GiB memory and 50 GiB storage.`);
    expect(await quotaHard(namespace)).toMatchObject({ 'requests.cpu': '4', 'limits.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '8Gi', 'requests.storage': '50Gi' });
    expect(await spaceOf(spaceId)).toMatchObject({ status: 'ACTIVE', statusReason: null, planKey: 'm', cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 50 });
    expect(await used()).toEqual({ ...before, cpu: before.cpu + 2000, memory: before.memory + 4096, storage: before.storage + 30 });
    const observed = (await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { kubeObjects { kind state message } } }`, { id: spaceId })).Space.kubeObjects;
    expect(observed.find((object: { kind: string }) => object.kind === 'ResourceQuota')).toMatchObject({ state: 'READY', message: expect.stringContaining('requests.cpu 0/4') });

    // Shrinking to a custom size gives the difference back once the quota is applied, and the periodic reconcile keeps the new size.
    const shrink = (await t.clients.owner.data(SUBMIT, { tenantId: t.own.id, action: 'MODIFY', spaceId, planKey: 'custom', parameters: { cpuMillicores: 1000 }, key: 'resize-shrinks' })).submitOrder;
    await orderSettles(t.clients.owner, shrink.id, 'COMPLETED');
    expect(await used()).toEqual({ ...before, cpu: before.cpu - 1000, memory: before.memory + 4096, storage: before.storage + 30 });
    const seen = emulator.requests.length;
    await eventually(
      async () => (emulator.requests.slice(seen).some((entry) => entry.method === 'PATCH' && entry.path.includes(`/namespaces/${namespace}/resourcequotas/`)) ? true : undefined),
      'the periodic reconcile to re-apply the ResourceQuota',
    );
    expect(await quotaHard(namespace)).toMatchObject({ 'requests.cpu': '1', 'requests.memory': '8Gi' });
  });

  it('a resize the API server refuses fails with the reason, keeps the space ACTIVE at its size, and gives the growth back', async () => {
    const { spaceId, namespace } = await readySpace('Refused');
    const before = await used();
    emulator.faults.add({ method: 'PATCH', pathIncludes: `/namespaces/${namespace}/resourcequotas/`, status: 422, times: 1 });
    const { submitOrder } = await t.clients.owner.data(SUBMIT, { tenantId: t.own.id, action: 'MODIFY', spaceId, planKey: 'l', key: 'resize-refused' });
    const failed = await orderSettles(t.clients.owner, submitOrder.id, 'FAILED');
    expect(failed.statusReason).toContain('422');
    const space = await spaceOf(spaceId);
    expect(space).toMatchObject({ status: 'ACTIVE', planKey: 's', cpuMillicores: 2000 });
    expect(space.statusReason).toContain('The resize failed');
    expect(await used()).toEqual(before);
    expect(await quotaHard(namespace)).toMatchObject({ 'requests.cpu': '2' });
  });

  it('deletes: the namespace is removed, the order waits while it terminates, then the space is DELETED and its quota comes back', async () => {
    const { spaceId, namespace } = await readySpace('Goes away', 'custom', { cpuMillicores: 1500, memoryMiB: 1024, storageGiB: 5 });
    const before = await used();
    const { deleteSpace } = await t.clients.owner.data(`mutation($id: ID!) { deleteSpace(id: $id) { id status } }`, { id: spaceId });
    const terminating = await eventually(
      async () => {
        const live = await core.readNamespace({ name: namespace }).catch(() => undefined);
        return live?.status?.phase === 'Terminating' ? live : undefined;
      },
      `namespace ${namespace} to be Terminating`,
    );
    expect(terminating.metadata?.deletionTimestamp).toBeTruthy();
    // Still terminating: nothing given back yet.
    expect((await t.clients.owner.data(ORDER, { id: deleteSpace.id })).Order.status).toBe('PROVISIONING');
    expect(await used()).toEqual(before);
    expect((await spaceOf(spaceId)).status).toBe('DECOMMISSIONING');

    const done = await orderSettles(t.clients.owner, deleteSpace.id, 'COMPLETED');
    expect(done.events.at(-1).reason).toBe(`Namespace ${namespace} and everything in it are deleted.`);
    await expect(core.readNamespace({ name: namespace })).rejects.toMatchObject({ code: 404 });
    expect(await spaceOf(spaceId)).toMatchObject({ status: 'DELETED', statusReason: null });
    expect(await used()).toEqual({ cpu: before.cpu - 1500, memory: before.memory - 1024, storage: before.storage - 5, spaces: before.spaces - 1 });
  });
});
