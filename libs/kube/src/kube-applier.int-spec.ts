import type { KubernetesObject, V1ConfigMap, V1Deployment, V1Secret } from '@kubernetes/client-node';
import { KubeEmulator } from '@nprod/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from './clock';
import { KubeApiError } from './kube-api-error';
import { KubeApplier, KubeWaitTimeoutError } from './kube-applier';
import { createKubeClient, type KubeClient } from './kube-client.factory';

const FIELD_MANAGER = 'nprod-worker';

/** Real time for now(), but sleeps are recorded and skipped, so retry waits are observable and instant. */
class RecordingClock implements Clock {
  readonly sleeps: number[] = [];
  now(): number {
    return systemClock.now();
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }
}

const namespaceObject = (name: string): KubernetesObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'nprod.io/space': name } } });
const configMap = (namespace: string, name: string, labels: Record<string, string>): V1ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data: { key: name } });

function spaceObjects(namespace: string): KubernetesObject[] {
  const labels = { 'nprod.io/space': namespace };
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app', namespace, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'app' } },
      template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image: 'registry.local/app:1', resources: { requests: { cpu: '100m' }, limits: { cpu: '200m' } } }] } },
    },
  };
  const secret: V1Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'credentials', namespace, labels }, stringData: { password: 's3cret' } };
  return [
    namespaceObject(namespace),
    { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'space-quota', namespace, labels }, spec: { hard: { 'requests.cpu': '2', 'requests.memory': '4Gi', 'services.nodeports': '0' } } } as KubernetesObject,
    { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace, labels }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] } } as KubernetesObject,
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace, labels }, spec: { podSelector: {}, policyTypes: ['Ingress'] } } as KubernetesObject,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'tenant-admins', namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'tenant:admins' }],
    } as KubernetesObject,
    secret,
    deployment,
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'app', namespace, labels }, spec: { selector: { app: 'app' }, ports: [{ port: 80, targetPort: 8080 }] } } as KubernetesObject,
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace, labels }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } as KubernetesObject,
  ];
}

describe('KubeApplier against the emulator', () => {
  let emulator: KubeEmulator;
  let client: KubeClient;
  let applier: KubeApplier;
  let clock: RecordingClock;
  let sentRequests = 0;
  let namespaceCounter = 0;
  const freshName = () => `applier-${(namespaceCounter += 1)}`;

  beforeAll(async () => {
    emulator = await KubeEmulator.start({ readinessDelayMs: 20, namespaceTerminationMs: 200 });
    client = createKubeClient({ kind: 'kubeconfig-yaml', yaml: emulator.kubeconfigYaml() }, { qps: 1000, burst: 1000, onRequest: () => (sentRequests += 1) });
    applier = new KubeApplier(client, { baseDelayMs: 1 });
  });

  afterAll(async () => {
    client.close();
    await emulator.stop();
  });

  beforeEach(() => {
    emulator.faults.clear();
    clock = new RecordingClock();
  });

  it('connects with the kubeconfig context and answers ping', async () => {
    expect(client.contextName).toBe('nprod-emulator');
    expect(client.serverUrl).toBe(emulator.url);
    expect(await client.ping()).toBe(true);
  });

  it('applies a whole space in order, annotated, then waits for it to be ready', async () => {
    const namespace = freshName();
    const applied = await applier.apply(spaceObjects(namespace), { fieldManager: FIELD_MANAGER, annotations: { 'nprod.io/order': 'order-1' } });
    expect(applied.map((object) => object.kind)).toEqual(['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'RoleBinding', 'Secret', 'Deployment', 'Service', 'PersistentVolumeClaim']);
    expect(applied.every((object) => object.metadata?.annotations?.['nprod.io/order'] === 'order-1')).toBe(true);
    expect(applied.every((object) => object.metadata?.managedFields?.some((entry) => entry.manager === FIELD_MANAGER && entry.operation === 'Apply'))).toBe(true);
    expect((applied[5] as V1Secret).data?.password).toBe(Buffer.from('s3cret').toString('base64'));

    const ready = await applier.waitForReady(spaceObjects(namespace), 5_000, 10);
    expect((ready[6] as V1Deployment).status?.availableReplicas).toBe(2);
    expect(ready.every((object) => applier.isReady(object))).toBe(true);
  });

  it('is idempotent: re-applying the same desired state changes nothing', async () => {
    const namespace = freshName();
    const objects = spaceObjects(namespace).filter((object) => object.kind !== 'Deployment' && object.kind !== 'PersistentVolumeClaim');
    const first = await applier.apply(objects, { fieldManager: FIELD_MANAGER, annotations: { 'nprod.io/order': 'order-2' } });
    emulator.resetRequests();
    const second = await applier.apply(objects, { fieldManager: FIELD_MANAGER, annotations: { 'nprod.io/order': 'order-2' } });
    expect(second.map((object) => object.metadata?.resourceVersion)).toEqual(first.map((object) => object.metadata?.resourceVersion));
    // One PATCH per object: discovery is cached and nothing is read back.
    expect(emulator.requests.map((request) => request.method)).toEqual(objects.map(() => 'PATCH'));
  });

  it('reuses connections instead of opening one per request', async () => {
    const namespace = freshName();
    await applier.apply([namespaceObject(namespace)], { fieldManager: FIELD_MANAGER });
    emulator.resetRequests();
    for (let index = 0; index < 20; index += 1) await applier.read(namespaceObject(namespace));
    expect(emulator.requests).toHaveLength(20);
    expect(emulator.connectionsAccepted).toBeLessThanOrEqual(1);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const retrying = new KubeApplier(client, { clock });
    const namespace = freshName();
    emulator.faults.add({ method: 'PATCH', status: 429, times: 1, retryAfterSeconds: 2 });
    emulator.resetRequests();
    const [applied] = await retrying.apply([namespaceObject(namespace)], { fieldManager: FIELD_MANAGER });
    expect(applied.metadata?.name).toBe(namespace);
    expect(clock.sleeps).toEqual([2000]);
    expect(emulator.requests.map((request) => request.status)).toEqual([429, 201]);
  });

  it('retries 500s and dropped connections with exponential backoff', async () => {
    const retrying = new KubeApplier(client, { clock, baseDelayMs: 100, random: () => 1 });
    emulator.faults.add({ method: 'PATCH', status: 500, times: 2 });
    emulator.faults.add({ method: 'PATCH', dropConnection: true, times: 1 });
    emulator.resetRequests();
    await retrying.apply([namespaceObject(freshName())], { fieldManager: FIELD_MANAGER });
    expect(clock.sleeps).toEqual([100, 200, 400]);
    expect(emulator.requests.map((request) => request.status)).toEqual([500, 500, 0, 201]);
  });

  it('gives up after maxAttempts with a retriable KubeApiError', async () => {
    const retrying = new KubeApplier(client, { clock, maxAttempts: 3, baseDelayMs: 1 });
    emulator.faults.add({ method: 'PATCH', status: 503, times: 10 });
    const error = await retrying.apply([namespaceObject(freshName())], { fieldManager: FIELD_MANAGER }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeApiError);
    expect(error).toMatchObject({ status: 503, reason: 'ServiceUnavailable', retriable: true });
    expect(clock.sleeps).toHaveLength(2);
  });

  it('fails at once on 422 with the API server message', async () => {
    const retrying = new KubeApplier(client, { clock });
    emulator.resetRequests();
    const error = await retrying.apply([namespaceObject('not_valid')], { fieldManager: FIELD_MANAGER }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeApiError);
    expect(error).toMatchObject({ status: 422, reason: 'Invalid', retriable: false });
    expect((error as KubeApiError).message).toMatch(/^Namespace "not_valid" is invalid: metadata.name: Invalid value: "not_valid"/);
    expect((error as KubeApiError).causes[0]).toMatchObject({ field: 'metadata.name' });
    expect(clock.sleeps).toEqual([]);
    expect(emulator.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  it('fails at once on 404 when the namespace does not exist', async () => {
    const error = await applier.apply([configMap('missing-namespace', 'orphan', {})], { fieldManager: FIELD_MANAGER }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 404, reason: 'NotFound', message: 'namespaces "missing-namespace" not found', retriable: false });
  });

  it('deletes by label in one namespace or across all', async () => {
    const first = freshName();
    const second = freshName();
    await applier.apply(
      [
        namespaceObject(first),
        namespaceObject(second),
        configMap(first, 'a', { 'nprod.io/instance': 'i-1' }),
        configMap(first, 'b', { 'nprod.io/instance': 'i-2' }),
        configMap(second, 'c', { 'nprod.io/instance': 'i-1' }),
      ],
      { fieldManager: FIELD_MANAGER },
    );
    const kinds = [{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'Secret' }];
    expect(await applier.deleteByLabel(first, kinds, 'nprod.io/instance=i-1')).toBe(1);
    expect(await applier.read(configMap(first, 'a', {}))).toBeUndefined();
    expect(await applier.read(configMap(second, 'c', {}))).toBeDefined();
    expect(await applier.deleteByLabel(undefined, kinds, 'nprod.io/instance in (i-1, i-2)')).toBe(2);
    expect(await applier.read(configMap(first, 'b', {}))).toBeUndefined();
  });

  it('deletes a namespace (twice is fine) and waits until it is gone; creating in it meanwhile is a retriable 403', async () => {
    const namespace = freshName();
    await applier.apply([namespaceObject(namespace), configMap(namespace, 'inside', {})], { fieldManager: FIELD_MANAGER });
    await applier.deleteNamespace(namespace);
    await applier.deleteNamespace(namespace);
    const terminating = await new KubeApplier(client, { clock, maxAttempts: 1 })
      .apply([configMap(namespace, 'late', {})], { fieldManager: FIELD_MANAGER })
      .catch((caught: unknown) => caught);
    expect(terminating).toMatchObject({ status: 403, retriable: true, namespaceTerminating: true });
    await applier.waitForNamespaceGone(namespace, 2_000, 10);
    expect(await applier.read(namespaceObject(namespace))).toBeUndefined();
    await applier.deleteNamespace(namespace);
  });

  it('times out waiting for objects that never become ready', async () => {
    const error = await applier.waitForReady([configMap('default', 'never-created', {})], 50, 10).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeWaitTimeoutError);
    expect((error as KubeWaitTimeoutError).pending).toEqual(['ConfigMap default/never-created']);
  });

  it('rate-limits every request to the cluster through the token bucket', async () => {
    const limited = createKubeClient({ kind: 'kubeconfig-yaml', yaml: emulator.kubeconfigYaml() }, { qps: 50, burst: 1 });
    try {
      const limitedApplier = new KubeApplier(limited);
      const started = performance.now();
      for (let index = 0; index < 6; index += 1) await limitedApplier.read(namespaceObject('default'));
      // 7 requests (discovery + 6 reads) at 50/s after a burst of 1: at least 6 intervals of 20 ms.
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      limited.close();
    }
  });

  it('counts requests through the onRequest hook', () => {
    expect(sentRequests).toBeGreaterThan(0);
  });
});
