import { randomBytes, randomUUID } from 'node:crypto';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { FIELD_MANAGER, LABEL_INSTANCE } from '@nprod/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import type { GraphqlClient } from '../support/graphql-client';
import { SUBMIT_ORDER, offeringId } from '../support/order-fixtures';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';

/**
 * Catalogue instances against the cluster in KUBECONFIG (a real one, or the emulator `npm test`
 * starts): a PostgreSQL database and a Redis cache ordered over GraphQL, one of them resized,
 * both decommissioned; the namespace is removed at the end.
 */
const kubeconfigPath = process.env.KUBECONFIG;

describe.skipIf(!kubeconfigPath)('instances ordered over GraphQL become Kubernetes objects, change and go away', () => {
  const suffix = randomBytes(3).toString('hex');
  let platform: Platform;
  let operator: GraphqlClient;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let tenantId: string;
  let spaceId: string;
  let namespace: string | undefined;
  const instances: Record<'postgres' | 'redis', string> = { postgres: '', redis: '' };

  const orderSettles = (id: string) =>
    eventually(async () => {
      const order = (await operator.data(`query($id: ID!) { Order(id: $id) { status statusReason } }`, { id })).Order;
      if (order.status === 'FAILED') throw new Error(`order failed: ${order.statusReason}`);
      return order.status === 'COMPLETED' ? order : undefined;
    }, `order ${id} to complete`, 300_000, 250);
  const byInstance = (instanceId: string) => ({ namespace: namespace!, labelSelector: `${LABEL_INSTANCE}=${instanceId}` });

  beforeAll(async () => {
    platform = await startPlatform({ KUBECONFIG: kubeconfigPath!, KUBE_CLUSTER_REGIONS: 'almaty' });
    operator = platform.api.client();
    await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath!);
    core = kubeConfig.makeApiClient(CoreV1Api);
    apps = kubeConfig.makeApiClient(AppsV1Api);
    const agency = (await operator.data(`query($q: String) { allTenants(filter: { q: $q }) { id } }`, { q: DEMO_AGENCY_SLUG })).allTenants[0];
    const { createTenant } = await operator.data(
      `mutation($slug: String!, $parentId: ID) { createTenant(name: "E2E Instances", slug: $slug, kind: MUNICIPALITY, parentId: $parentId, region: "almaty",
        cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 100, maxSpaces: 1) { id } }`,
      { slug: `e2e-i-${suffix}`, parentId: agency.id },
    );
    tenantId = createTenant.id;
    await operator.data(
      `mutation($tenantId: ID!) { setAllocation(tenantId: $tenantId, region: "almaty", cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 100, maxSpaces: 1, maxInstances: 4) { id } }`,
      { tenantId },
    );
    const { createSpace } = await operator.data(
      `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Apps", slug: "apps", cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 40) { id namespace } }`,
      { tenantId },
    );
    spaceId = createSpace.id;
    namespace = createSpace.namespace;
    await eventually(async () => ((await operator.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: spaceId })).Space.status === 'ACTIVE' ? true : undefined), 'the space', 120_000, 100);
  });

  afterAll(async () => {
    if (namespace) {
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
      await eventually(() => core.readNamespace({ name: namespace! }).then(() => undefined, () => true), `namespace ${namespace} to be deleted`, 180_000, 500);
    }
    await platform?.stop();
  });

  it('makes a PostgreSQL instance ACTIVE with its StatefulSet, PVC, Secret and Service', async () => {
    const { submitOrder } = await operator.data(SUBMIT_ORDER, { tenantId, offeringId: await offeringId(operator, 'postgresql'), planKey: 'small', spaceId, name: 'app-db', key: randomUUID() });
    instances.postgres = submitOrder.instanceId;
    await orderSettles(submitOrder.id);
    const [statefulSets, claims, secrets, services] = await Promise.all([
      apps.listNamespacedStatefulSet(byInstance(instances.postgres)),
      core.listNamespacedPersistentVolumeClaim(byInstance(instances.postgres)),
      core.listNamespacedSecret(byInstance(instances.postgres)),
      core.listNamespacedService(byInstance(instances.postgres)),
    ]);
    expect(statefulSets.items.map((item) => item.metadata?.name)).toEqual(['app-db-postgres']);
    expect(statefulSets.items[0].metadata?.managedFields?.some((entry) => entry.manager === FIELD_MANAGER && entry.operation === 'Apply')).toBe(true);
    expect(statefulSets.items[0].spec?.template.spec?.containers[0].securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(claims.items.map((item) => item.status?.phase)).toEqual(['Bound']);
    expect(secrets.items.map((item) => item.metadata?.name)).toEqual(['app-db-credentials']);
    expect(services.items.map((item) => item.metadata?.name)).toEqual(['app-db-postgres']);
    const instance = (await operator.data(`query($id: ID!) { Instance(id: $id) { status endpoints { kind url } } }`, { id: instances.postgres })).Instance;
    expect(instance.status).toBe('ACTIVE');
    expect(instance.endpoints).toEqual([{ kind: 'internal', url: `tcp://app-db-postgres.${namespace}.svc:5432` }]);
  });

  it('resizes a Redis cache (no volume, so any StorageClass will do) to the next plan', async () => {
    const { submitOrder } = await operator.data(SUBMIT_ORDER, { tenantId, offeringId: await offeringId(operator, 'redis'), planKey: 'small', spaceId, name: 'cache', key: randomUUID() });
    instances.redis = submitOrder.instanceId;
    await orderSettles(submitOrder.id);
    const { resizeInstance } = await operator.data(`mutation($id: ID!) { resizeInstance(id: $id, planKey: "medium") { id } }`, { id: instances.redis });
    await orderSettles(resizeInstance.id);
    const workloads = [...(await apps.listNamespacedDeployment(byInstance(instances.redis))).items, ...(await apps.listNamespacedStatefulSet(byInstance(instances.redis))).items];
    expect(workloads).toHaveLength(1);
    expect(workloads[0].spec?.template.spec?.containers[0].resources?.limits).toEqual({ cpu: '500m', memory: '1Gi' });
  });

  it('decommissions both: every labelled object is gone and the quota is back', async () => {
    for (const instanceId of Object.values(instances)) {
      const { decommissionInstance } = await operator.data(`mutation($id: ID!) { decommissionInstance(id: $id) { id } }`, { id: instanceId });
      await orderSettles(decommissionInstance.id);
      expect((await core.listNamespacedSecret(byInstance(instanceId))).items).toEqual([]);
      expect((await core.listNamespacedService(byInstance(instanceId))).items).toEqual([]);
      expect((await apps.listNamespacedStatefulSet(byInstance(instanceId))).items).toEqual([]);
      expect((await apps.listNamespacedDeployment(byInstance(instanceId))).items).toEqual([]);
    }
    const allocation = (await operator.data(`query($id: ID!) { allAllocations(filter: { tenantId: $id }) { usedInstances usedCpuMillicores } }`, { id: tenantId })).allAllocations[0];
    expect(allocation).toEqual({ usedInstances: 0, usedCpuMillicores: 4000 });
  });
});
