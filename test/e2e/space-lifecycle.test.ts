import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import { FIELD_MANAGER, LABEL_SPACE, LABEL_TENANT } from '@nprod/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import type { GraphqlClient } from '../support/graphql-client';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';

/**
 * The whole order path against the cluster in KUBECONFIG: GraphQL in, Kubernetes objects out.
 * Runs unchanged against a real cluster (kind, k3d, any conformant one; see
 * docs/operations/real-cluster-e2e.md) and, in `npm test`, against the emulator's kubeconfig.
 */
const kubeconfigPath = process.env.KUBECONFIG;
if (!kubeconfigPath) {
  console.warn('test/e2e skipped: set KUBECONFIG to a cluster where the suite may create and delete namespaces (see docs/operations/real-cluster-e2e.md).');
}

describe.skipIf(!kubeconfigPath)('a space ordered over GraphQL becomes Kubernetes objects', () => {
  const suffix = randomBytes(3).toString('hex');
  const tenantSlug = `e2e-${suffix}`;
  let platform: Platform;
  let operator: GraphqlClient;
  let core: CoreV1Api;
  let namespace: string | undefined;
  let spaceId: string;
  let tenantId: string;

  const orderSettles = (id: string) =>
    eventually(async () => {
      const order = (await operator.data(`query($id: ID!) { Order(id: $id) { status statusReason } }`, { id })).Order;
      if (order.status === 'FAILED') throw new Error(`order ${id} failed: ${order.statusReason}`);
      return order.status === 'COMPLETED' ? order : undefined;
    }, `order ${id} to complete`, 120_000, 200);

  beforeAll(async () => {
    platform = await startPlatform({ KUBECONFIG: kubeconfigPath!, KUBE_CLUSTER_REGIONS: 'almaty' });
    operator = platform.api.client();
    await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath!);
    core = kubeConfig.makeApiClient(CoreV1Api);
  });

  afterAll(async () => {
    if (namespace) {
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
      await eventually(() => core.readNamespace({ name: namespace! }).then(() => undefined, () => true), `namespace ${namespace} to be deleted`, 120_000, 500);
    }
    await platform?.stop();
  });

  it('creates a municipality with a 2 CPU / 4 GiB / 20 GiB space that becomes ACTIVE', async () => {
    const agency = (await operator.data(`query($q: String) { allTenants(filter: { q: $q }) { id } }`, { q: DEMO_AGENCY_SLUG })).allTenants[0];
    const { createTenant } = await operator.data(
      `mutation($slug: String!, $parentId: ID) { createTenant(name: "E2E Municipality", slug: $slug, kind: MUNICIPALITY, parentId: $parentId, region: "almaty",
        cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 100, maxSpaces: 3) { id } }`,
      { slug: tenantSlug, parentId: agency.id },
    );
    const { createSpace } = await operator.data(
      `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Website", slug: "web", cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20) { id namespace status } }`,
      { tenantId: createTenant.id },
    );
    expect(createSpace.status).toBe('PROVISIONING');
    namespace = createSpace.namespace;
    spaceId = createSpace.id;
    tenantId = createTenant.id;
    const active = await eventually(async () => {
      const space = (await operator.data(`query($id: ID!) { Space(id: $id) { status statusReason clusterName } }`, { id: createSpace.id })).Space;
      if (space.status === 'FAILED') throw new Error(`space failed: ${space.statusReason}`);
      return space.status === 'ACTIVE' ? space : undefined;
    }, 'the space to become ACTIVE', 120_000, 100);
    expect(active.clusterName).toBeTruthy();
  });

  it('made the namespace with its labels and the restricted pod security profile', async () => {
    const ns = await core.readNamespace({ name: namespace! });
    expect(ns.metadata?.labels).toMatchObject({ [LABEL_TENANT]: tenantSlug, [LABEL_SPACE]: 'web', 'pod-security.kubernetes.io/enforce': 'restricted' });
    expect(ns.metadata?.managedFields?.some((entry) => entry.manager === FIELD_MANAGER && entry.operation === 'Apply')).toBe(true);
  });

  it('set a ResourceQuota with exactly the ordered limits, and a LimitRange beside it', async () => {
    const quotas = await core.listNamespacedResourceQuota({ namespace: namespace!, labelSelector: `${LABEL_TENANT}=${tenantSlug}` });
    expect(quotas.items).toHaveLength(1);
    expect(quotas.items[0].spec?.hard).toMatchObject({
      'requests.cpu': '2',
      'limits.cpu': '2',
      'requests.memory': '4Gi',
      'limits.memory': '4Gi',
      'requests.storage': '20Gi',
      'services.nodeports': '0',
      'services.loadbalancers': '0',
    });
    const limitRanges = await core.listNamespacedLimitRange({ namespace: namespace! });
    expect(limitRanges.items[0]?.spec?.limits[0]?._default).toBeDefined();
  });

  it('denies ingress by default with a NetworkPolicy', async () => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath!);
    const policies = await kubeConfig.makeApiClient(NetworkingV1Api).listNamespacedNetworkPolicy({ namespace: namespace! });
    const denyAll = policies.items.find((policy) => policy.metadata?.name === 'default-deny-ingress');
    expect(denyAll?.spec).toMatchObject({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(denyAll?.spec?.ingress ?? []).toEqual([]);
  });

  it('resizes the space to plan M through GraphQL: the ResourceQuota gets the new hard values', async () => {
    const { resizeSpace } = await operator.data(`mutation($id: ID!) { resizeSpace(id: $id, planKey: "m") { id status quotaChange { cpuMillicores } } }`, { id: spaceId });
    expect(resizeSpace.quotaChange.cpuMillicores).toBe(2000);
    await orderSettles(resizeSpace.id);
    const quotas = await core.listNamespacedResourceQuota({ namespace: namespace!, labelSelector: `${LABEL_TENANT}=${tenantSlug}` });
    expect(quotas.items[0].spec?.hard).toMatchObject({ 'requests.cpu': '4', 'limits.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '8Gi', 'requests.storage': '50Gi' });
    const space = (await operator.data(`query($id: ID!) { Space(id: $id) { status planKey cpuMillicores } }`, { id: spaceId })).Space;
    expect(space).toEqual({ status: 'ACTIVE', planKey: 'm', cpuMillicores: 4000 });
  });

  it('deletes the space through GraphQL: the namespace is gone and the allocation is given back', async () => {
    const { deleteSpace } = await operator.data(`mutation($id: ID!) { deleteSpace(id: $id) { id status } }`, { id: spaceId });
    await orderSettles(deleteSpace.id);
    await expect(core.readNamespace({ name: namespace! })).rejects.toMatchObject({ code: 404 });
    const { Tenant } = await operator.data(`query($id: ID!) { Tenant(id: $id) { allocation { usedCpuMillicores usedMemoryMiB usedStorageGiB usedSpaces } } }`, { id: tenantId });
    expect(Tenant.allocation).toEqual({ usedCpuMillicores: 0, usedMemoryMiB: 0, usedStorageGiB: 0, usedSpaces: 0 });
    expect((await operator.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: spaceId })).Space.status).toBe('DELETED');
  });
});
