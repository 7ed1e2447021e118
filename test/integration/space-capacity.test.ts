import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { OrderEventEntity, SpaceEntity, createDataSource } from '@nprod/database';
import { KubeEmulator } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClusterMonitorService } from '../../apps/worker/src/cluster/cluster-monitor.service';
import { ClusterPlacementService } from '../../apps/worker/src/cluster/cluster-placement.service';
import { SpaceProvisionerService } from '../../apps/worker/src/provision/space-provisioner.service';
import type { GraphqlClient } from '../support/graphql-client';
import { offeringId } from '../support/order-fixtures';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * A space's life on a cluster with limited capacity, in one process (API, worker, the
 * Kubernetes API emulator over HTTP): a resize grows only into the room its cluster has, room a
 * shrink or a deletion gives back goes to waiting orders at once, a deleted space's name can be
 * used again (but not while its namespace is still terminating), and the periodic reconcile
 * never puts back a size it read before a resize.
 *
 * The worker's timers (periodic retry, refresh, probes) are stopped after start-up, so an order
 * that goes ahead here did so because of the change under test, not because 30 s passed.
 */
let emulator: KubeEmulator;
let kubeDir: string;
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let core: CoreV1Api;
let compute: string;
let clusterId: string;
/** The start-up cluster's name (its kubeconfig context). */
let clusterName: string;

/** Long enough for a job to find a namespace still Terminating on a loaded machine. */
const NAMESPACE_TERMINATION_MS = 4_000;

const SUBMIT = `mutation($tenantId: ID!, $action: OrderAction, $offeringId: ID, $planKey: String, $spaceId: ID, $name: String, $parameters: JSON, $key: String!) {
  submitOrder(tenantId: $tenantId, action: $action, offeringId: $offeringId, planKey: $planKey, spaceId: $spaceId, name: $name, parameters: $parameters, idempotencyKey: $key) { id status spaceId }
}`;
const ORDER = `query($id: ID!) { Order(id: $id) { id status statusReason events { toStatus reason } } }`;
const SPACE = `query($id: ID!) { Space(id: $id) { id status statusReason namespace cpuMillicores kubeObjects { kind } } }`;
const CLUSTER = `query($id: ID!) { Cluster(id: $id) { spacesCount reservedCpuMillicores } }`;
const UPDATE_CLUSTER = `mutation($id: ID!, $cpu: Int, $max: Int) { updateCluster(id: $id, capacityCpuMillicores: $cpu, capacityMaxSpaces: $max) { id } }`;

const owner = (): GraphqlClient => t.clients.owner;
const orderOf = async (id: string) => (await owner().data(ORDER, { id })).Order;
const spaceOf = async (id: string) => (await owner().data(SPACE, { id })).Space;
const clusterNow = async () => (await t.clients.operator.data(CLUSTER, { id: clusterId })).Cluster;
const quotaCpu = async (namespace: string) => (await core.readNamespacedResourceQuota({ name: 'space-quota', namespace })).spec?.hard?.['requests.cpu'];

async function orderSettles(id: string, status: 'COMPLETED' | 'FAILED'): Promise<Record<string, any>> {
  return eventually(
    async () => {
      const order = await orderOf(id);
      if (order.status === (status === 'COMPLETED' ? 'FAILED' : 'COMPLETED')) throw new Error(`order ${id} became ${order.status}: ${order.statusReason}`);
      return order.status === status ? order : undefined;
    },
    `order ${id} to become ${status}`,
    20_000,
  );
}

async function orderWaits(id: string, text: string): Promise<string> {
  return eventually(async () => {
    const order = await orderOf(id);
    if (order.status !== 'PROVISIONING' && order.status !== 'APPROVED') throw new Error(`order ${id} is ${order.status} (${order.statusReason}), expected it to wait`);
    return order.statusReason?.includes(text) ? (order.statusReason as string) : undefined;
  }, `order ${id} to wait with "${text}"`);
}

async function submit(variables: Record<string, unknown>): Promise<{ id: string; spaceId: string }> {
  return (await owner().data(SUBMIT, { tenantId: t.own.id, ...variables })).submitOrder;
}

async function readySpace(name: string, planKey = 's', parameters?: Record<string, unknown>): Promise<{ spaceId: string; namespace: string }> {
  const order = await submit({ offeringId: compute, planKey, parameters, name, key: `create-${name}-${Date.now()}` });
  await orderSettles(order.id, 'COMPLETED');
  const space = await spaceOf(order.spaceId);
  return { spaceId: space.id, namespace: space.namespace };
}

async function deleteSpace(spaceId: string): Promise<string> {
  return (await owner().data(`mutation($id: ID!) { deleteSpace(id: $id) { id } }`, { id: spaceId })).deleteSpace.id;
}

beforeAll(async () => {
  emulator = await KubeEmulator.start({ readinessDelayMs: 20, namespaceTerminationMs: NAMESPACE_TERMINATION_MS });
  kubeDir = await mkdtemp(join(tmpdir(), 'nprod-capacity-'));
  const kubeconfig = join(kubeDir, 'kubeconfig');
  emulator.writeKubeconfig(kubeconfig);
  platform = await startPlatform({ KUBECONFIG: kubeconfig, KUBE_CLUSTER_REGIONS: 'almaty', PROVISION_TIMEOUT_SECONDS: '15' });
  // The start-up cluster was probed HEALTHY at bootstrap; nothing but the changes under test retries waiting orders from here on.
  platform.worker.context.get(ClusterMonitorService).onApplicationShutdown();
  db = await createDataSource({ url: platform.database.url, poolSize: 2 }).initialize();
  t = await createTenancy(db, () => platform.api.client());
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfig);
  core = kubeConfig.makeApiClient(CoreV1Api);
  compute = await offeringId(owner(), 'compute-space');
  ({ id: clusterId, name: clusterName } = (await t.clients.operator.data(`{ allClusters { id name } }`)).allClusters[0]);
}, 120_000);

// Every test starts with a cluster without limits, whatever the one before left behind.
afterEach(async () => {
  await t.clients.operator.data(UPDATE_CLUSTER, { id: clusterId, cpu: null, max: null });
});

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
  await emulator?.stop();
  if (kubeDir) await rm(kubeDir, { recursive: true, force: true });
});

describe('capacity on resize', () => {
  it('a resize that does not fit its cluster waits with the reason, and goes ahead as soon as another space shrinks', async () => {
    const grows = await readySpace('Grows');
    const shrinks = await readySpace('Shrinks');
    const before = await clusterNow();
    await t.clients.operator.data(UPDATE_CLUSTER, { id: clusterId, cpu: before.reservedCpuMillicores + 1000 });

    // Plan M needs 2 CPU more; the cluster has 1 free.
    const resize = await submit({ action: 'MODIFY', spaceId: grows.spaceId, planKey: 'm', key: 'grow-beyond' });
    const reason = await orderWaits(resize.id, `Cluster ${clusterName} has no room to grow the space by 2 CPU: it has 1 CPU free.`);
    expect(await spaceOf(grows.spaceId)).toMatchObject({ status: 'ACTIVE', statusReason: reason, cpuMillicores: 2000 });
    expect(await quotaCpu(grows.namespace)).toBe('2');
    expect((await clusterNow()).reservedCpuMillicores).toBe(before.reservedCpuMillicores);
    expect(await db.getRepository(OrderEventEntity).countBy({ orderId: resize.id, reason })).toBe(1);

    // A shrink never waits, and the room it gives back lets the waiting resize through (2 CPU needed, 2.5 free).
    const shrink = await submit({ action: 'MODIFY', spaceId: shrinks.spaceId, planKey: 'custom', parameters: { cpuMillicores: 500 }, key: 'shrink-for-room' });
    await orderSettles(shrink.id, 'COMPLETED');
    await orderSettles(resize.id, 'COMPLETED');
    expect(await quotaCpu(grows.namespace)).toBe('4');
    expect(await spaceOf(grows.spaceId)).toMatchObject({ status: 'ACTIVE', statusReason: null, cpuMillicores: 4000 });
    const after = await clusterNow();
    expect(after.reservedCpuMillicores).toBe(before.reservedCpuMillicores + 2000 - 1500);
    expect(after.reservedCpuMillicores).toBeLessThanOrEqual(before.reservedCpuMillicores + 1000);
    expect((await db.getRepository(SpaceEntity).findOneByOrFail({ id: grows.spaceId })).resizingTo).toBeNull();
  });

  it('a space waiting for room is created as soon as a space on the cluster is deleted, and the deleted one keeps no Kubernetes objects', async () => {
    const leaving = await readySpace('Leaving', 'custom', { cpuMillicores: 500, memoryMiB: 512, storageGiB: 1 });
    expect((await spaceOf(leaving.spaceId)).kubeObjects.length).toBeGreaterThan(0);
    await t.clients.operator.data(UPDATE_CLUSTER, { id: clusterId, max: (await clusterNow()).spacesCount });
    const waiting = await submit({ offeringId: compute, planKey: 'custom', parameters: { cpuMillicores: 500, memoryMiB: 512, storageGiB: 1 }, name: 'Next in line', key: 'next-in-line' });
    await orderWaits(waiting.id, 'room for one more space');

    await orderSettles(await deleteSpace(leaving.spaceId), 'COMPLETED');
    await orderSettles(waiting.id, 'COMPLETED');
    expect(await spaceOf(waiting.spaceId)).toMatchObject({ status: 'ACTIVE', statusReason: null });
    expect(await spaceOf(leaving.spaceId)).toMatchObject({ status: 'DELETED', kubeObjects: [] });
  });
});

describe('names of deleted spaces', () => {
  it('a deleted space\'s slug can be used again, but its namespace is not re-created while one of that name still terminates', async () => {
    const first = await readySpace('Again');
    await orderSettles(await deleteSpace(first.spaceId), 'COMPLETED');

    // Something keeps a namespace of that name terminating (deleted outside the platform, a slow finalizer).
    await core.createNamespace({ body: { metadata: { name: first.namespace } } });
    await core.deleteNamespace({ name: first.namespace });
    const again = await submit({ offeringId: compute, planKey: 's', name: 'Again', key: 'again-2' });
    const reason = await orderWaits(again.id, `Namespace ${first.namespace} (of a deleted space) is still being deleted on ${clusterName}`);
    expect((await spaceOf(again.spaceId)).statusReason).toBe(reason);

    await eventually(async () => ((await core.readNamespace({ name: first.namespace }).then(() => true, () => false)) ? undefined : true), 'the old namespace to be gone');
    // The periodic retry (stopped here) would pick it up within 30 s.
    await platform.worker.context.get(ClusterPlacementService).retryWaiting();
    await orderSettles(again.id, 'COMPLETED');
    expect(await spaceOf(again.spaceId)).toMatchObject({ status: 'ACTIVE', namespace: first.namespace, statusReason: null });
    expect(await quotaCpu(first.namespace)).toBe('2');

    // Unique among spaces that are not DELETED: a second live space with the slug is still refused.
    const duplicate = await owner().request(SUBMIT, { tenantId: t.own.id, offeringId: compute, planKey: 's', name: 'Again', key: 'again-3' });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    expect(await db.getRepository(SpaceEntity).countBy({ tenantId: t.own.id, slug: 'again' })).toBe(2);
  });
});

describe('periodic reconcile', () => {
  it('a reconcile that read the space before a resize completed applies the new size, not the one it read', async () => {
    const { spaceId, namespace } = await readySpace('Stale');
    const stale = await db.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId });
    const resize = await submit({ action: 'MODIFY', spaceId, planKey: 'm', key: 'stale-resize' });
    await orderSettles(resize.id, 'COMPLETED');
    expect(await quotaCpu(namespace)).toBe('4');

    const seen = emulator.requests.length;
    await platform.worker.context.get(SpaceProvisionerService).reconcile(stale);
    expect(emulator.requests.slice(seen).some((entry) => entry.method === 'PATCH' && entry.path.includes(`/namespaces/${namespace}/resourcequotas/`))).toBe(true);
    expect(await quotaCpu(namespace)).toBe('4');
  });
});
