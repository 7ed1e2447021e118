import { AppsV1Api, CoreV1Api, NetworkingV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { AllocationEntity, AuditEventEntity, InstanceEntity } from '@nprod/database';
import { FIELD_MANAGER, LABEL_INSTANCE } from '@nprod/domain';
import type { KubeEmulator } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconcileService } from '../../apps/worker/src/reconcile/reconcile.service';
import type { GraphqlClient } from '../support/graphql-client';
import { orderSettles } from '../support/order-fixtures';
import { eventually, startEmulatedPlatform, type EmulatedPlatform, type Platform } from '../support/platform-harness';
import type { Tenancy } from '../support/tenancy-fixture';

/**
 * Instances end to end in one process: GraphQL -> outbox -> worker -> the Kubernetes API
 * emulator over real HTTP (owned by this suite, so it can inject faults and break things).
 */
let stack: EmulatedPlatform;
let emulator: KubeEmulator;
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let core: CoreV1Api;
let apps: AppsV1Api;
let networking: NetworkingV1Api;
let spaceId: string;
let namespace: string;
let postgresOfferingId: string;

const SUBMIT = `mutation($tenantId: ID!, $offeringId: ID, $planKey: String, $spaceId: ID, $name: String, $parameters: JSON, $key: String!, $leaseEndsAt: DateTime) {
  submitOrder(tenantId: $tenantId, offeringId: $offeringId, planKey: $planKey, spaceId: $spaceId, name: $name, parameters: $parameters, idempotencyKey: $key, leaseEndsAt: $leaseEndsAt) { id status instanceId }
}`;
const INSTANCE = `query($id: ID!) { Instance(id: $id) { id status statusReason planKey cpuMillicores memoryMiB storageGiB endpoints { kind component url } credentialsSecretName suspendedAt leaseEndsAt } }`;

const instanceOf = async (client: GraphqlClient, id: string) => (await client.data(INSTANCE, { id })).Instance;
const used = async () => {
  const allocation = await db.getRepository(AllocationEntity).findOneByOrFail({ tenantId: t.own.id, region: 'almaty' });
  return { cpu: allocation.usedCpuMillicores, memory: allocation.usedMemoryMiB, storage: allocation.usedStorageGiB, instances: allocation.usedInstances };
};
/** What the instances of the space use of it: instances take their size from their space, not a second time from the allocation. */
const spaceUse = async () => {
  const { Space } = await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { usedByInstancesCpuMillicores usedByInstancesMemoryMiB usedByInstancesStorageGiB } }`, { id: spaceId });
  return { cpu: Space.usedByInstancesCpuMillicores, memory: Space.usedByInstancesMemoryMiB, storage: Space.usedByInstancesStorageGiB };
};
const objectsOf = async (instanceId: string) => {
  const labelSelector = `${LABEL_INSTANCE}=${instanceId}`;
  const [statefulSets, claims, secrets, services] = await Promise.all([
    apps.listNamespacedStatefulSet({ namespace, labelSelector }),
    core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector }),
    core.listNamespacedSecret({ namespace, labelSelector }),
    core.listNamespacedService({ namespace, labelSelector }),
  ]);
  return { statefulSets: statefulSets.items, claims: claims.items, secrets: secrets.items, services: services.items };
};

async function orderPostgres(name: string, extra: Record<string, unknown> = {}): Promise<{ orderId: string; instanceId: string }> {
  const { submitOrder } = await t.clients.owner.data(SUBMIT, { tenantId: t.own.id, offeringId: postgresOfferingId, planKey: 'small', spaceId, name, key: `order-${name}`, ...extra });
  return { orderId: submitOrder.id, instanceId: submitOrder.instanceId };
}

beforeAll(async () => {
  stack = await startEmulatedPlatform({
    RECONCILE_INTERVAL_SECONDS: '1',
    PROVISION_TIMEOUT_SECONDS: '10',
    INSTANCE_HOSTNAME_SUFFIX: 'apps.test.nprod.local',
  });
  ({ emulator, platform, db, t } = stack);
  core = stack.kubeConfig.makeApiClient(CoreV1Api);
  apps = stack.kubeConfig.makeApiClient(AppsV1Api);
  networking = stack.kubeConfig.makeApiClient(NetworkingV1Api);
  const { createSpace } = await t.clients.owner.data(
    `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Data", slug: "data", cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 400) { id namespace } }`,
    { tenantId: t.own.id },
  );
  spaceId = createSpace.id;
  namespace = createSpace.namespace;
  await eventually(async () => ((await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: spaceId })).Space.status === 'ACTIVE' ? true : undefined), 'the space to become ACTIVE');
  postgresOfferingId = (await t.clients.owner.data(`{ allOfferings(filter: { q: "postgresql" }) { id key } }`)).allOfferings.find((offering: { key: string }) => offering.key === 'postgresql').id;
});

afterAll(() => stack?.stop());

describe('a PostgreSQL instance ordered over GraphQL', () => {
  let orderId: string;
  let instanceId: string;
  let before: Awaited<ReturnType<typeof used>>;
  let spaceBefore: Awaited<ReturnType<typeof spaceUse>>;

  it('becomes ACTIVE with its StatefulSet, PVC, Secret and Service, applied by the one field manager', async () => {
    before = await used();
    spaceBefore = await spaceUse();
    ({ orderId, instanceId } = await orderPostgres('pg-main'));
    const order = await orderSettles(t.clients.owner, orderId, 'COMPLETED');
    expect(order.events.map((event: { toStatus: string }) => event.toStatus)).toEqual(['SUBMITTED', 'APPROVED', 'PROVISIONING', 'COMPLETED']);
    expect(order.events.map((event: { actorKind: string }) => event.actorKind)).toEqual(['USER', 'SYSTEM', 'WORKER', 'WORKER']);
    const instance = await instanceOf(t.clients.owner, instanceId);
    expect(instance).toMatchObject({ status: 'ACTIVE', planKey: 'small', cpuMillicores: 500, memoryMiB: 1024, storageGiB: 10, credentialsSecretName: 'pg-main-credentials' });
    expect(instance.endpoints).toEqual([{ kind: 'internal', component: 'postgres', url: `tcp://pg-main-postgres.${namespace}.svc:5432` }]);

    const objects = await objectsOf(instanceId);
    expect(objects.statefulSets.map((object) => object.metadata?.name)).toEqual(['pg-main-postgres']);
    expect(objects.claims.map((object) => object.spec?.resources?.requests?.storage)).toEqual(['10Gi']);
    expect(objects.secrets.map((object) => object.metadata?.name)).toEqual(['pg-main-credentials']);
    expect(objects.services.map((object) => object.metadata?.name)).toEqual(['pg-main-postgres']);
    expect(objects.statefulSets[0].metadata?.managedFields?.some((entry) => entry.manager === FIELD_MANAGER && entry.operation === 'Apply')).toBe(true);
    expect(objects.statefulSets[0].metadata?.annotations?.['nprod.io/order-id']).toBe(orderId);
    expect(await used()).toEqual({ ...before, instances: before.instances + 1 });
    expect(await spaceUse()).toEqual({ cpu: spaceBefore.cpu + 500, memory: spaceBefore.memory + 1024, storage: spaceBefore.storage + 10 });
  });

  it('reveals the stored credentials once to the owner (audited), the same ones the Secret holds, and re-applies never change them', async () => {
    const reveal = `mutation($id: ID!) { revealInstanceCredentials(id: $id) { id secretName values } }`;
    const { revealInstanceCredentials } = await t.clients.owner.data(reveal, { id: instanceId });
    expect(revealInstanceCredentials.secretName).toBe('pg-main-credentials');
    const secret = await core.readNamespacedSecret({ name: 'pg-main-credentials', namespace });
    const decoded = Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
    expect(decoded).toEqual(revealInstanceCredentials.values);
    expect(decoded.uri).toBe(`postgresql://app:${decoded.password}@pg-main-postgres.${namespace}.svc:5432/app`);
    const stored = await db.getRepository(InstanceEntity).findOneByOrFail({ id: instanceId });
    expect(stored.credentialsSealed).not.toContain(decoded.password);

    expect((await t.clients.member.request(reveal, { id: instanceId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Shown once: afterwards the owner is sent to the Secret, which the tenant's own cluster access reads.
    const revealedAgain = await t.clients.owner.request(reveal, { id: instanceId });
    expect(revealedAgain.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', secretName: 'pg-main-credentials', namespace });
    const audited = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'revealInstanceCredentials', targetId: instanceId });
    expect(audited.tenantId).toBe(t.own.id);
    expect(JSON.stringify(audited.details)).not.toContain(decoded.password);

    await platform.worker.context.get(ReconcileService).reconcileAll();
    const again = await core.readNamespacedSecret({ name: 'pg-main-credentials', namespace });
    expect(again.data).toEqual(secret.data);
    expect(again.metadata?.resourceVersion).toBe(secret.metadata?.resourceVersion);
  });

  it('resizes: only the growth is held in the space, and the objects follow the new plan', async () => {
    const atSmall = await used();
    const spaceAtSmall = await spaceUse();
    const { resizeInstance } = await t.clients.owner.data(`mutation($id: ID!) { resizeInstance(id: $id, planKey: "medium") { id action status quotaChange { cpuMillicores memoryMiB storageGiB instances } } }`, { id: instanceId });
    expect(resizeInstance).toMatchObject({ action: 'MODIFY', quotaChange: { cpuMillicores: 500, memoryMiB: 1024, storageGiB: 40, instances: 0 } });
    expect(await used()).toEqual(atSmall);
    const grown = { cpu: spaceAtSmall.cpu + 500, memory: spaceAtSmall.memory + 1024, storage: spaceAtSmall.storage + 40 };
    expect(await spaceUse()).toEqual(grown);
    await orderSettles(t.clients.owner, resizeInstance.id, 'COMPLETED');
    // Done: the instance's own footprint holds what the open order held, counted once.
    expect(await spaceUse()).toEqual(grown);
    expect(await used()).toEqual(atSmall);
    const instance = await instanceOf(t.clients.owner, instanceId);
    expect(instance).toMatchObject({ status: 'ACTIVE', planKey: 'medium', cpuMillicores: 1000, memoryMiB: 2048, storageGiB: 50 });
    const { statefulSets, claims } = await objectsOf(instanceId);
    expect(statefulSets[0].spec?.template.spec?.containers[0].resources?.limits).toEqual({ cpu: '1', memory: '2Gi' });
    expect(claims[0].spec?.resources?.requests?.storage).toBe('50Gi');
  });

  it('marks the instance DEGRADED when a workload is not ready, and ACTIVE again once the re-applied one is', async () => {
    // Held unready until resumed, however slow this machine is; then it settles as a controller would.
    emulator.controllers.pause();
    await apps.deleteNamespacedStatefulSet({ name: 'pg-main-postgres', namespace });
    const reconcile = platform.worker.context.get(ReconcileService);
    const degraded = await eventually(async () => {
      await reconcile.reconcileAll();
      const instance = await instanceOf(t.clients.owner, instanceId);
      return instance.status === 'DEGRADED' ? instance : undefined;
    }, 'the instance to become DEGRADED', 30_000, 0);
    expect(degraded.statusReason).toContain(`StatefulSet ${namespace}/pg-main-postgres`);
    emulator.controllers.resume();
    await eventually(async () => ((await instanceOf(t.clients.owner, instanceId)).status === 'ACTIVE' ? true : undefined), 'the instance to be ACTIVE again');
    expect((await objectsOf(instanceId)).statefulSets).toHaveLength(1);
  });

  it('decommissions: every object goes, then the quota comes back', async () => {
    const { decommissionInstance } = await t.clients.owner.data(`mutation($id: ID!) { decommissionInstance(id: $id) { id action status } }`, { id: instanceId });
    expect(decommissionInstance.action).toBe('DELETE');
    await orderSettles(t.clients.owner, decommissionInstance.id, 'COMPLETED');
    expect((await instanceOf(t.clients.owner, instanceId)).status).toBe('DELETED');
    expect(await objectsOf(instanceId)).toEqual({ statefulSets: [], claims: [], secrets: [], services: [] });
    expect(await used()).toEqual(before);
    expect(await spaceUse()).toEqual(spaceBefore);
  });
});

describe('the periodic reconcile (a BullMQ job scheduler, every second here)', () => {
  it('brings back a deleted NetworkPolicy and sets a changed ResourceQuota back', async () => {
    await networking.deleteNamespacedNetworkPolicy({ name: 'default-deny-ingress', namespace });
    await core.patchNamespacedResourceQuota(
      { name: 'space-quota', namespace, body: { spec: { hard: { 'requests.cpu': '64' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await eventually(
      async () => {
        const policy = await networking.readNamespacedNetworkPolicy({ name: 'default-deny-ingress', namespace }).catch(() => undefined);
        const quota = await core.readNamespacedResourceQuota({ name: 'space-quota', namespace });
        return policy && quota.spec?.hard?.['requests.cpu'] === '8' ? true : undefined;
      },
      'the NetworkPolicy and the quota to be repaired',
      15_000,
      100,
    );
  });
});

describe('faults from the API server', () => {
  it('rides out a 429 with Retry-After and completes', async () => {
    emulator.faults.add({ method: 'PATCH', pathIncludes: '/statefulsets/pg-throttled', status: 429, retryAfterSeconds: 1, times: 1 });
    const { orderId, instanceId } = await orderPostgres('pg-throttled');
    await orderSettles(t.clients.owner, orderId, 'COMPLETED');
    expect(emulator.requests.some((request) => request.status === 429 && request.path.includes('/statefulsets/pg-throttled'))).toBe(true);
    expect((await instanceOf(t.clients.owner, instanceId)).status).toBe('ACTIVE');
  });

  it("fails at once on a 422 with the API server's message, gives the quota back, leaves nothing behind; an operator's retry then succeeds", async () => {
    const before = await used();
    emulator.faults.add({ method: 'PATCH', pathIncludes: '/statefulsets/pg-invalid', status: 422, times: 1 });
    const { orderId, instanceId } = await orderPostgres('pg-invalid');
    const failed = await orderSettles(t.clients.owner, orderId, 'FAILED');
    expect(failed.statusReason).toContain('422');
    expect(failed.attempt).toBe(1);
    const instance = await instanceOf(t.clients.owner, instanceId);
    expect(instance.status).toBe('FAILED');
    expect(instance.statusReason).toContain('422');
    expect(await used()).toEqual(before);
    expect(await objectsOf(instanceId)).toEqual({ statefulSets: [], claims: [], secrets: [], services: [] });

    const { retryOrder } = await t.clients.operator.data(`mutation($id: ID!) { retryOrder(id: $id) { status attempt } }`, { id: orderId });
    expect(retryOrder).toEqual({ status: 'APPROVED', attempt: 2 });
    const retried = await orderSettles(t.clients.owner, orderId, 'COMPLETED');
    expect(retried.events.map((event: { toStatus: string }) => event.toStatus)).toEqual(['SUBMITTED', 'APPROVED', 'PROVISIONING', 'FAILED', 'APPROVED', 'PROVISIONING', 'COMPLETED']);
    expect((await instanceOf(t.clients.owner, instanceId)).status).toBe('ACTIVE');
    expect(await used()).toEqual({ ...before, instances: before.instances + 1 });
  });
});

describe('leases', () => {
  it('tells the owners before the end, suspends at it, resumes on renewal, and deletes after the grace period', async () => {
    const leaseEndsAt = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const { orderId, instanceId } = await orderPostgres('pg-leased', { leaseEndsAt: leaseEndsAt.toISOString() });
    await orderSettles(t.clients.owner, orderId, 'COMPLETED');
    const reconcile = platform.worker.context.get(ReconcileService);

    await reconcile.moveLeases(new Date());
    const notice = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'instanceLeaseEndingSoon', targetId: instanceId });
    expect(notice.tenantId).toBe(t.own.id);

    await reconcile.moveLeases(new Date(leaseEndsAt.getTime() + 60_000));
    const suspended = await instanceOf(t.clients.owner, instanceId);
    expect(suspended.suspendedAt).not.toBeNull();
    expect(suspended.statusReason).toContain('suspended');
    expect((await objectsOf(instanceId)).statefulSets[0].spec?.replicas).toBe(0);
    expect((await objectsOf(instanceId)).claims).toHaveLength(1);

    const renewed = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const { renewInstance } = await t.clients.owner.data(`mutation($id: ID!, $at: DateTime) { renewInstance(id: $id, leaseEndsAt: $at) { suspendedAt leaseEndsAt } }`, { id: instanceId, at: renewed.toISOString() });
    expect(renewInstance.suspendedAt).toBeNull();
    await eventually(async () => ((await objectsOf(instanceId)).statefulSets[0].spec?.replicas === 1 ? true : undefined), 'the renewed instance to scale back up');

    const before = await used();
    const spaceBefore = await spaceUse();
    await reconcile.moveLeases(new Date(renewed.getTime() + 60_000));
    await reconcile.moveLeases(new Date(renewed.getTime() + 8 * 24 * 3600 * 1000));
    await eventually(async () => ((await instanceOf(t.clients.owner, instanceId)).status === 'DELETED' ? true : undefined), 'the expired instance to be deleted');
    expect(await used()).toEqual({ ...before, instances: before.instances - 1 });
    expect(await spaceUse()).toEqual({ cpu: spaceBefore.cpu - 500, memory: spaceBefore.memory - 1024, storage: spaceBefore.storage - 10 });
    const deletion = (await t.clients.owner.data(`query($id: ID!) { allOrders(filter: { instanceId: $id, action: DELETE }) { status events { actorKind reason } } }`, { id: instanceId })).allOrders;
    expect(deletion).toHaveLength(1);
    expect(deletion[0].events[0]).toMatchObject({ actorKind: 'SYSTEM', reason: 'The lease and its grace period are over.' });
  });
});
