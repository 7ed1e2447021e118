import { AppsV1Api } from '@kubernetes/client-node';
import { InstanceEntity, SpaceEntity } from '@nprod/database';
import type { KubeEmulator } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconcileService } from '../../apps/worker/src/reconcile/reconcile.service';
import { orderSettles } from '../support/order-fixtures';
import { eventually, startEmulatedPlatform, type EmulatedPlatform, type Platform } from '../support/platform-harness';
import type { Tenancy } from '../support/tenancy-fixture';

/**
 * The Kubernetes objects of an instance, as the worker observes them after provisioning and
 * each reconcile, read back over GraphQL (the API never asks the cluster). The emulator is
 * owned by this suite so it can hold controllers and delete objects.
 */
let stack: EmulatedPlatform;
let emulator: KubeEmulator;
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let apps: AppsV1Api;
let spaceId: string;
let namespace: string;
let offeringId: string;

interface KubeObject {
  kind: string;
  name: string;
  namespace: string | null;
  state: string;
  message: string;
  detailCode?: string | null;
  detailParams?: Record<string, string | number> | null;
  observedAt: string;
}

const SUBMIT = `mutation($tenantId: ID!, $offeringId: ID, $spaceId: ID, $name: String, $parameters: JSON, $key: String!) {
  submitOrder(tenantId: $tenantId, offeringId: $offeringId, planKey: "xs", spaceId: $spaceId, name: $name, parameters: $parameters, idempotencyKey: $key) { id instanceId }
}`;
const INSTANCE = `query($id: ID!) { Instance(id: $id) { id status statusReason kubeObjects { kind name namespace state message detailCode detailParams observedAt } } }`;

const instanceOf = async (id: string): Promise<{ status: string; statusReason: string | null; kubeObjects: KubeObject[] }> => (await t.clients.owner.data(INSTANCE, { id })).Instance;
const objectNamed = (objects: KubeObject[], kind: string) => objects.find((object) => object.kind === kind);

async function orderApp(name: string): Promise<{ orderId: string; instanceId: string }> {
  const { submitOrder } = await t.clients.owner.data(SUBMIT, { tenantId: t.own.id, offeringId, spaceId, name, parameters: { image: 'registry.gov.kz/team/shop:1.0' }, key: `order-${name}` });
  return { orderId: submitOrder.id, instanceId: submitOrder.instanceId };
}

beforeAll(async () => {
  stack = await startEmulatedPlatform({
    // Long enough that only the test's own reconcileAll() calls run during a test.
    RECONCILE_INTERVAL_SECONDS: '3600',
    PROVISION_TIMEOUT_SECONDS: '2',
    INSTANCE_HOSTNAME_SUFFIX: 'apps.test.nprod.local',
  });
  ({ emulator, platform, db, t } = stack);
  apps = stack.kubeConfig.makeApiClient(AppsV1Api);
  const { createSpace } = await t.clients.owner.data(
    `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Shop", slug: "shop", cpuMillicores: 4000, memoryMiB: 4096, storageGiB: 10) { id namespace } }`,
    { tenantId: t.own.id },
  );
  spaceId = createSpace.id;
  namespace = createSpace.namespace;
  await eventually(async () => ((await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: spaceId })).Space.status === 'ACTIVE' ? true : undefined), 'the space to become ACTIVE');
  offeringId = (await t.clients.owner.data(`{ allOfferings(filter: { q: "container" }) { id key } }`)).allOfferings.find((offering: { key: string }) => offering.key === 'container-app').id;
});

afterAll(() => stack?.stop());

describe('the Kubernetes objects of a space', () => {
  it('are READY after provisioning: the Namespace, its quota with used/hard, defaults, policies and bindings', async () => {
    const { kubeObjects } = (await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { kubeObjects { kind name namespace state message } } }`, { id: spaceId })).Space as { kubeObjects: KubeObject[] };
    expect(new Set(kubeObjects.map((object) => object.kind))).toEqual(new Set(['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'RoleBinding']));
    expect(kubeObjects.every((object) => object.state === 'READY')).toBe(true);
    expect(objectNamed(kubeObjects, 'Namespace')).toMatchObject({ name: namespace, namespace: null, message: 'Active' });
    expect(objectNamed(kubeObjects, 'ResourceQuota')?.message).toBe('requests.cpu 0/4, requests.memory 0/4Gi, requests.storage 0/10Gi');
    expect(kubeObjects.find((object) => object.name === 'space-admin')?.message).toMatch(/^ClusterRole admin, \d+ subjects$/);
  });

  it('are not rewritten by a reconcile that sees them unchanged', async () => {
    const before = await db.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId });
    await platform.worker.context.get(ReconcileService).reconcileAll();
    const after = await db.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.kubeObjects).toEqual(before.kubeObjects);
  });
});

describe('the Kubernetes objects of an instance', () => {
  let instanceId: string;

  it('are all READY after provisioning, each with a short message and when it was observed', async () => {
    const started = Date.now();
    const order = await orderApp('shop');
    instanceId = order.instanceId;
    await orderSettles(t.clients.owner, order.orderId);
    const { kubeObjects } = await instanceOf(instanceId);
    expect(kubeObjects.map(({ kind, name, namespace: where, state }) => ({ kind, name, namespace: where, state }))).toEqual([
      { kind: 'Service', name: 'shop-app', namespace, state: 'READY' },
      { kind: 'Deployment', name: 'shop-app', namespace, state: 'READY' },
      { kind: 'Ingress', name: 'shop', namespace, state: 'READY' },
    ]);
    expect(objectNamed(kubeObjects, 'Deployment')?.message).toBe('1/1 replicas available');
    expect(objectNamed(kubeObjects, 'Deployment')).toMatchObject({ detailCode: 'replicas_available', detailParams: { ready: 1, desired: 1 } });
    expect(objectNamed(kubeObjects, 'Ingress')?.message).toMatch(/^host shop-.*\.apps\.test\.nprod\.local$/);
    for (const object of kubeObjects) expect(Date.parse(object.observedAt)).toBeGreaterThanOrEqual(started - 1000);
  });

  it('are not rewritten by a reconcile that sees them unchanged', async () => {
    const before = await db.getRepository(InstanceEntity).findOneByOrFail({ id: instanceId });
    await platform.worker.context.get(ReconcileService).reconcileAll();
    const after = await db.getRepository(InstanceEntity).findOneByOrFail({ id: instanceId });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.kubeObjects).toEqual(before.kubeObjects);
  });

  it('show a deleted Deployment as PROGRESSING after the reconcile re-creates it, and READY again once it is available', async () => {
    const reconcile = platform.worker.context.get(ReconcileService);
    const ready = objectNamed((await instanceOf(instanceId)).kubeObjects, 'Deployment')!;
    // Held unready until resumed, however slow this machine is.
    emulator.controllers.pause();
    await apps.deleteNamespacedDeployment({ name: 'shop-app', namespace });
    await reconcile.reconcileAll();
    const degraded = await instanceOf(instanceId);
    expect(degraded.status).toBe('DEGRADED');
    const progressing = objectNamed(degraded.kubeObjects, 'Deployment')!;
    expect(progressing).toMatchObject({ state: 'PROGRESSING', message: '0/1 replicas available' });
    expect(Date.parse(progressing.observedAt)).toBeGreaterThan(Date.parse(ready.observedAt));
    // The objects that did not change keep when they were first seen so.
    expect(objectNamed(degraded.kubeObjects, 'Service')).toEqual(objectNamed((await instanceOf(instanceId)).kubeObjects, 'Service'));

    emulator.controllers.resume();
    const recovered = await eventually(async () => {
      await reconcile.reconcileAll();
      const instance = await instanceOf(instanceId);
      return objectNamed(instance.kubeObjects, 'Deployment')?.state === 'READY' ? instance : undefined;
    }, 'the Deployment to be READY again', 15_000, 100);
    expect(recovered.status).toBe('ACTIVE');
    expect(objectNamed(recovered.kubeObjects, 'Deployment')?.message).toBe('1/1 replicas available');
  });

  it('are recorded when provisioning times out, naming what was not ready', async () => {
    emulator.controllers.pause();
    try {
      const order = await orderApp('stuck');
      await orderSettles(t.clients.owner, order.orderId, 'FAILED');
      const { status, kubeObjects } = await instanceOf(order.instanceId);
      expect(status).toBe('FAILED');
      expect(objectNamed(kubeObjects, 'Deployment')).toMatchObject({ name: 'stuck-app', state: 'PROGRESSING', message: '0/1 replicas available' });
      expect(objectNamed(kubeObjects, 'Service')).toMatchObject({ state: 'READY' });
    } finally {
      emulator.controllers.resume();
    }
  });
});
