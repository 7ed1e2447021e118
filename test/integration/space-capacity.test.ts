import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { AllocationEntity, ClusterEntity, OrderEventEntity, SpaceEntity, createDataSource } from '@nprod/database';
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
    if (order.status !== 'APPROVED') throw new Error(`order ${id} is ${order.status} (${order.statusReason}), expected it to wait`);
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

const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { status statusReason } }`;
/** What the tenant's allocation in the region counts as used (reservations included). */
const usedQuota = async () => {
  const allocation = await db.getRepository(AllocationEntity).findOneByOrFail({ tenantId: t.own.id, region: 'almaty' });
  return { cpu: allocation.usedCpuMillicores, memory: allocation.usedMemoryMiB, storage: allocation.usedStorageGiB, spaces: allocation.usedSpaces };
};
const namespaceExists = (name: string) => core.readNamespace({ name }).then(() => true, () => false);
/** A later run of the order's job, as a retry or a stale queue entry would run it. */
const runJob = (orderId: string) => platform.worker.context.get(SpaceProvisionerService).provision(orderId, { number: 1, isLast: false });
/** Frees room behind the API's back, so no cluster.changed job races the run under test. */
const liftCapacity = () => db.getRepository(ClusterEntity).update({ id: clusterId }, { capacityCpuMillicores: null, capacityMaxSpaces: null });

async function settled(id: string): Promise<Record<string, any>> {
  return eventually(async () => {
    const order = await orderOf(id);
    return ['COMPLETED', 'CANCELLED', 'FAILED'].includes(order.status) ? order : undefined;
  }, `order ${id} to settle`);
}

/**
 * Cancels the order while its job runs. Apart, each goes as fast as it goes. At the barrier, the
 * test holds SHARE on orders until both have read the order as APPROVED and wait to write it (the
 * cancel holding the row FOR UPDATE, the job about to move it to PROVISIONING): the cancel's
 * write then always lands first, after the job has decided to go ahead.
 */
async function cancelWhileRunning(orderId: string, barrier: boolean): Promise<{ errors?: Array<{ extensions?: Record<string, unknown> }> }> {
  if (!barrier) return (await Promise.all([owner().request(CANCEL, { id: orderId }), runJob(orderId)]))[0];
  const lock = db.createQueryRunner();
  await lock.startTransaction();
  await lock.query('LOCK TABLE orders IN SHARE MODE');
  const both = Promise.all([owner().request(CANCEL, { id: orderId }), runJob(orderId)]);
  try {
    await eventually(async () => {
      const [{ blocked }] = await db.query(`SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE "orders"%'`);
      return blocked === 2 ? true : undefined;
    }, 'the cancel and the job to wait at the barrier');
  } finally {
    await lock.commitTransaction();
    await lock.release();
  }
  return (await both)[0];
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

describe('cancelling an order that waits for room', () => {
  const small = { cpuMillicores: 100, memoryMiB: 128, storageGiB: 1 };

  it('a waiting space CREATE is cancelled: the space is DELETED, its quota given back once, nothing reaches the cluster, and a later run does nothing', async () => {
    const before = await usedQuota();
    await t.clients.operator.data(UPDATE_CLUSTER, { id: clusterId, max: (await clusterNow()).spacesCount });
    const order = await submit({ offeringId: compute, planKey: 'custom', parameters: small, name: 'Never placed', key: 'never-placed' });
    const reason = await orderWaits(order.id, 'room for one more space');
    expect((await spaceOf(order.spaceId)).statusReason).toBe(reason);
    expect(await usedQuota()).toEqual({ cpu: before.cpu + 100, memory: before.memory + 128, storage: before.storage + 1, spaces: before.spaces + 1 });

    expect((await owner().data(CANCEL, { id: order.id })).cancelOrder).toEqual({ status: 'CANCELLED', statusReason: 'Cancelled before provisioning started.' });
    const space = await spaceOf(order.spaceId);
    expect(space).toMatchObject({ status: 'DELETED', kubeObjects: [] });
    expect(await usedQuota()).toEqual(before);
    expect((await orderOf(order.id)).events.map((event: { toStatus: string }) => event.toStatus)).toEqual(['SUBMITTED', 'APPROVED', 'APPROVED', 'CANCELLED']);

    // Room comes back and the job runs again (a retry, a stale queue entry): the cancelled order stays cancelled.
    await liftCapacity();
    expect(await platform.worker.context.get(ClusterPlacementService).retryWaiting()).toBe(0);
    await runJob(order.id);
    const after = await orderOf(order.id);
    expect([after.status, after.events.length]).toEqual(['CANCELLED', 4]);
    expect(await spaceOf(order.spaceId)).toMatchObject({ status: 'DELETED' });
    expect((await db.getRepository(SpaceEntity).findOneByOrFail({ id: order.spaceId })).clusterId).toBeNull();
    expect(await namespaceExists(space.namespace)).toBe(false);
    expect(await usedQuota()).toEqual(before);
    // Cancelling twice gives nothing back twice.
    const again = await owner().request(CANCEL, { id: order.id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });
    expect(await usedQuota()).toEqual(before);
  });

  it('a waiting resize is cancelled: the space stays ACTIVE at its old size, the growth is given back, and another resize can be ordered', async () => {
    const stays = await readySpace('Stays');
    await t.clients.operator.data(UPDATE_CLUSTER, { id: clusterId, cpu: (await clusterNow()).reservedCpuMillicores + 1000 });
    const before = await usedQuota();
    const resize = await submit({ action: 'MODIFY', spaceId: stays.spaceId, planKey: 'm', key: 'grow-then-cancel' });
    await orderWaits(resize.id, 'has no room to grow the space by 2 CPU');
    expect((await usedQuota()).cpu).toBe(before.cpu + 2000);

    expect((await owner().data(CANCEL, { id: resize.id })).cancelOrder.status).toBe('CANCELLED');
    expect(await spaceOf(stays.spaceId)).toMatchObject({ status: 'ACTIVE', statusReason: null, cpuMillicores: 2000 });
    expect((await db.getRepository(SpaceEntity).findOneByOrFail({ id: stays.spaceId })).resizingTo).toBeNull();
    expect(await usedQuota()).toEqual(before);

    // With room back, a late run of the cancelled order grows nothing.
    await liftCapacity();
    await runJob(resize.id);
    expect((await orderOf(resize.id)).status).toBe('CANCELLED');
    expect(await spaceOf(stays.spaceId)).toMatchObject({ status: 'ACTIVE', cpuMillicores: 2000 });
    expect(await quotaCpu(stays.namespace)).toBe('2');
    expect(await usedQuota()).toEqual(before);

    // The space has no open order any more: the next resize goes through.
    const next = await submit({ action: 'MODIFY', spaceId: stays.spaceId, planKey: 'm', key: 'grow-after-cancel' });
    await orderSettles(next.id, 'COMPLETED');
    expect(await quotaCpu(stays.namespace)).toBe('4');
    expect((await usedQuota()).cpu).toBe(before.cpu + 2000);
  });

  it('a cancel and a run that finds room at the same moment: exactly one of them wins, every time', async () => {
    const grows = await readySpace('Raced', 'custom', small);
    const outcomes = { cancelled: 0, provisioned: 0 };
    for (let round = 0; round < 8; round += 1) {
      const barrier = round % 2 === 0;
      // A new space, and a resize of an existing one, both waiting for room.
      const full = await clusterNow();
      await db.getRepository(ClusterEntity).update({ id: clusterId }, { capacityMaxSpaces: full.spacesCount, capacityCpuMillicores: full.reservedCpuMillicores });
      const before = await usedQuota();
      const current = await spaceOf(grows.spaceId);
      const create = await submit({ offeringId: compute, planKey: 'custom', parameters: small, name: `Race ${round}`, key: `race-create-${round}` });
      const resize = await submit({ action: 'MODIFY', spaceId: grows.spaceId, planKey: 'custom', parameters: { cpuMillicores: current.cpuMillicores + 100 }, key: `race-resize-${round}` });
      await orderWaits(create.id, 'No cluster in region almaty has room');
      await orderWaits(resize.id, 'no room to grow');

      await liftCapacity();
      const [cancelCreate, cancelResize] = barrier
        ? [await cancelWhileRunning(create.id, true), await cancelWhileRunning(resize.id, true)]
        : await Promise.all([cancelWhileRunning(create.id, false), cancelWhileRunning(resize.id, false)]);

      const created = await settled(create.id);
      const space = await spaceOf(create.spaceId);
      if (created.status === 'CANCELLED') {
        outcomes.cancelled += 1;
        expect(cancelCreate.errors).toBeUndefined();
        expect(space.status).toBe('DELETED');
        expect(await namespaceExists(space.namespace)).toBe(false);
      } else {
        outcomes.provisioned += 1;
        expect(created.status).toBe('COMPLETED');
        expect(cancelCreate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
        expect(space.status).toBe('ACTIVE');
        expect(await namespaceExists(space.namespace)).toBe(true);
      }
      const resized = await settled(resize.id);
      const after = await db.getRepository(SpaceEntity).findOneByOrFail({ id: grows.spaceId });
      expect(after.resizingTo).toBeNull();
      if (resized.status === 'CANCELLED') {
        outcomes.cancelled += 1;
        expect(cancelResize.errors).toBeUndefined();
        expect(after.cpuMillicores).toBe(current.cpuMillicores);
      } else {
        outcomes.provisioned += 1;
        expect(resized.status).toBe('COMPLETED');
        expect(cancelResize.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
        expect(after.cpuMillicores).toBe(current.cpuMillicores + 100);
      }
      // Under 1 CPU throughout, so Kubernetes writes it in millicores.
      expect(await quotaCpu(grows.namespace)).toBe(`${after.cpuMillicores}m`);
      // The allocation counts exactly what went ahead: a cancelled order gave its reservation back, once.
      const grew = after.cpuMillicores - current.cpuMillicores;
      const kept = created.status === 'COMPLETED' ? 1 : 0;
      expect(await usedQuota()).toEqual({ cpu: before.cpu + grew + kept * 100, memory: before.memory + kept * 128, storage: before.storage + kept, spaces: before.spaces + kept });
    }
    console.info('cancel vs. start races', outcomes);
    expect(outcomes.cancelled + outcomes.provisioned).toBe(16);
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
