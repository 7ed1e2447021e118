import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
  type KubernetesObject,
  type V1ConfigMap,
  type V1Deployment,
  type V1ResourceQuota,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { KubeEmulator } from './kube-emulator';

interface StatusBody {
  kind: string;
  status: string;
  reason: string;
  message: string;
  code: number;
  details?: { name?: string; group?: string; kind?: string; causes?: Array<{ reason?: string; message: string; field?: string }>; retryAfterSeconds?: number };
}

/** Runs a client call expected to fail and returns the HTTP code, headers and parsed Status body. */
async function failure(call: () => Promise<unknown>): Promise<{ code: number; headers: Record<string, string>; status: StatusBody }> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ApiException) {
      const body: unknown = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
      return { code: error.code, headers: error.headers, status: body as StatusBody };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

function configMap(namespace: string, name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data };
}

describe('KubeEmulator driven by @kubernetes/client-node', () => {
  let emulator: KubeEmulator;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let objects: KubernetesObjectApi;
  let namespaceCounter = 0;

  const clientsFor = (kubeconfig: string) => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(kubeconfig);
    return { core: kubeConfig.makeApiClient(CoreV1Api), apps: kubeConfig.makeApiClient(AppsV1Api), objects: KubernetesObjectApi.makeApiClient(kubeConfig), version: kubeConfig.makeApiClient(VersionApi) };
  };

  const apply = (object: KubernetesObject, manager = 'nprod-test', force = false) => objects.patch(object, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);

  async function freshNamespace(): Promise<string> {
    namespaceCounter += 1;
    const name = `space-${namespaceCounter}`;
    await core.createNamespace({ body: { metadata: { name } } });
    return name;
  }

  beforeAll(async () => {
    emulator = await KubeEmulator.start({ readinessDelayMs: 10, namespaceTerminationMs: 20 });
    ({ core, apps, objects } = clientsFor(emulator.kubeconfigYaml()));
  });

  afterAll(async () => {
    await emulator.stop();
  });

  beforeEach(() => {
    emulator.faults.clear();
  });

  it('serves version and discovery the client maps kinds with', async () => {
    const { version } = clientsFor(emulator.kubeconfigYaml());
    expect((await version.getCode()).gitVersion).toMatch(/^v1\./);
    const coreResources = await core.getAPIResources();
    expect(coreResources.resources.find((resource) => resource.kind === 'ResourceQuota')).toMatchObject({ name: 'resourcequotas', namespaced: true });
    const appsResources = await apps.getAPIResources();
    expect(appsResources.resources.map((resource) => resource.name)).toEqual(expect.arrayContaining(['deployments', 'statefulsets']));
  });

  it('lists pods (always empty: nothing schedules them) and refuses to create them', async () => {
    expect((await core.listPodForAllNamespaces()).items).toEqual([]);
    const refused = await failure(() => core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } } }));
    expect(refused.code).toBe(405);
    expect(refused.status.reason).toBe('MethodNotAllowed');
  });

  it('rejects requests without the bearer token', async () => {
    const response = await fetch(`${emulator.url}/api/v1/namespaces`);
    expect(response.status).toBe(401);
    expect((await fetch(`${emulator.url}/healthz`)).status).toBe(200);
  });

  it('creates namespaces Active with the metadata.name label, and starts with the usual ones', async () => {
    const name = await freshNamespace();
    const namespace = await core.readNamespace({ name });
    expect(namespace.status?.phase).toBe('Active');
    expect(namespace.metadata?.labels?.['kubernetes.io/metadata.name']).toBe(name);
    expect(namespace.metadata?.uid).toBeTruthy();
    expect(namespace.metadata?.creationTimestamp).toBeInstanceOf(Date);
    const names = (await core.listNamespace()).items.map((item) => item.metadata?.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', name]));
  });

  it('server-side applies a ResourceQuota; an identical re-apply keeps the resourceVersion', async () => {
    const namespace = await freshNamespace();
    const quota: V1ResourceQuota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'space-quota', namespace }, spec: { hard: { 'requests.cpu': '2', 'requests.memory': '4Gi' } } };
    const first = (await apply(quota)) as V1ResourceQuota;
    expect(first.status?.hard).toEqual({ 'requests.cpu': '2', 'requests.memory': '4Gi' });
    expect(first.status?.used).toEqual({ 'requests.cpu': '0', 'requests.memory': '0' });
    expect(first.metadata?.managedFields?.[0]).toMatchObject({ manager: 'nprod-test', operation: 'Apply' });
    const second = (await apply(quota)) as V1ResourceQuota;
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    const changed = (await apply({ ...quota, spec: { hard: { 'requests.cpu': '3', 'requests.memory': '4Gi' } } } as V1ResourceQuota)) as V1ResourceQuota;
    expect(Number(changed.metadata?.resourceVersion)).toBeGreaterThan(Number(first.metadata?.resourceVersion));
    expect(changed.metadata?.generation).toBe(2);
    expect(changed.status?.hard?.['requests.cpu']).toBe('3');
  });

  it('answers 404, 409 AlreadyExists and 422 Invalid with real Status bodies', async () => {
    const namespace = await freshNamespace();
    const missing = await failure(() => core.readNamespacedConfigMap({ name: 'absent', namespace }));
    expect(missing.code).toBe(404);
    expect(missing.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "absent" not found',
      reason: 'NotFound',
      details: { name: 'absent', kind: 'configmaps' },
      code: 404,
    });

    const missingDeployment = await failure(() => apps.readNamespacedDeployment({ name: 'absent', namespace }));
    expect(missingDeployment.status.message).toBe('deployments.apps "absent" not found');
    expect(missingDeployment.status.details).toEqual({ name: 'absent', group: 'apps', kind: 'deployments' });

    await core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'settings') });
    const duplicate = await failure(() => core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'settings') }));
    expect(duplicate.code).toBe(409);
    expect(duplicate.status).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "settings" already exists', code: 409 });

    const badName = await failure(() => core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'Bad_Name') }));
    expect(badName.code).toBe(422);
    expect(badName.status.reason).toBe('Invalid');
    expect(badName.status.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(badName.status.details).toMatchObject({ name: 'Bad_Name', kind: 'ConfigMap', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] });

    const badNamespaceName = await failure(() => core.createNamespace({ body: { metadata: { name: 'a.b' } } }));
    expect(badNamespaceName.status.details?.causes?.[0].message).toContain('RFC 1123 label');

    const wrongKind = await failure(() => postJson(`/api/v1/namespaces/${namespace}/secrets`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' } }));
    expect(wrongKind.code).toBe(422);
    expect(wrongKind.status.details?.causes?.[0].field).toBe('kind');

    const noNamespace = await failure(() => core.createNamespacedConfigMap({ namespace: 'nowhere', body: configMap('nowhere', 'x') }));
    expect(noNamespace.code).toBe(404);
    expect(noNamespace.status.message).toBe('namespaces "nowhere" not found');
  });

  /** A raw POST (typed clients would not send a mismatched kind), failing with the client's own exception type. */
  async function postJson(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer nprod-emulator-token', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new ApiException(response.status, 'raw request failed', text, Object.fromEntries(response.headers));
    return JSON.parse(text);
  }

  it('rejects an update with a stale resourceVersion (409 Conflict)', async () => {
    const namespace = await freshNamespace();
    const created = await core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'versioned', {}, { a: '1' }) });
    const updated = await core.replaceNamespacedConfigMap({ name: 'versioned', namespace, body: { ...created, data: { a: '2' } } });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    const stale = await failure(() => core.replaceNamespacedConfigMap({ name: 'versioned', namespace, body: { ...created, data: { a: '3' } } }));
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "versioned": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('filters lists by label and field selectors, in one namespace or across all', async () => {
    const namespace = await freshNamespace();
    const other = await freshNamespace();
    await core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'web', { app: 'web', tier: 'front' }) });
    await core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'db', { app: 'db', tier: 'back' }) });
    await core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'plain') });
    await core.createNamespacedConfigMap({ namespace: other, body: configMap(other, 'web', { app: 'web' }) });

    const names = async (labelSelector?: string, fieldSelector?: string, inNamespace: string | null = namespace) => {
      const list = inNamespace !== null ? await core.listNamespacedConfigMap({ namespace: inNamespace, labelSelector, fieldSelector }) : await core.listConfigMapForAllNamespaces({ labelSelector, fieldSelector });
      return list.items.map((item) => `${item.metadata?.namespace}/${item.metadata?.name}`);
    };
    expect(await names('app=web')).toEqual([`${namespace}/web`]);
    expect(await names('app==db')).toEqual([`${namespace}/db`]);
    expect(await names('app!=web')).toEqual([`${namespace}/db`, `${namespace}/plain`]);
    expect(await names('app in (web, db)')).toEqual([`${namespace}/db`, `${namespace}/web`]);
    expect(await names('app notin (web)')).toEqual([`${namespace}/db`, `${namespace}/plain`]);
    expect(await names('tier')).toEqual([`${namespace}/db`, `${namespace}/web`]);
    expect(await names('!tier')).toEqual([`${namespace}/plain`]);
    expect(await names('app=web,tier=front')).toEqual([`${namespace}/web`]);
    expect(await names(undefined, 'metadata.name=db')).toEqual([`${namespace}/db`]);
    expect(await names('app=web', undefined, null)).toEqual([`${namespace}/web`, `${other}/web`]);
    expect(await names(undefined, `metadata.namespace=${other}`, null)).toEqual([`${other}/web`]);
    const badSelector = await failure(() => core.listNamespacedConfigMap({ namespace, labelSelector: 'app in web' }));
    expect(badSelector.code).toBe(400);
    const page = await core.listNamespacedConfigMap({ namespace, limit: 2 });
    expect(page.items).toHaveLength(2);
    const rest = await core.listNamespacedConfigMap({ namespace, limit: 2, _continue: page.metadata?._continue });
    expect(rest.items.map((item) => item.metadata?.name)).toEqual(['web']);
  });

  it('deletes a namespace like the namespace controller: Terminating, 403 for new content, then gone with its objects', async () => {
    // Its own emulator with a termination long enough that a loaded machine still observes
    // the Terminating phase; the shared one empties namespaces in 20 ms.
    const slowEmulator = await KubeEmulator.start({ namespaceTerminationMs: 2_000 });
    onTestFinished(() => slowEmulator.stop());
    const { core } = clientsFor(slowEmulator.kubeconfigYaml());
    const namespace = 'terminating';
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'inside') });
    const deleted = await core.deleteNamespace({ name: namespace });
    expect(deleted).toBeDefined();
    const terminating = await core.readNamespace({ name: namespace });
    expect(terminating.status?.phase).toBe('Terminating');
    expect(terminating.metadata?.deletionTimestamp).toBeInstanceOf(Date);

    const forbidden = await failure(() => core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'late') }));
    expect(forbidden.code).toBe(403);
    expect(forbidden.status).toMatchObject({
      reason: 'Forbidden',
      message: `configmaps "late" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      details: { causes: [{ reason: 'NamespaceTerminating', field: 'metadata.namespace' }] },
    });
    const again = await failure(() => core.deleteNamespace({ name: namespace }));
    expect(again.code).toBe(409);

    await eventually(() =>
      core.readNamespace({ name: namespace }).then(
        () => undefined,
        (error: unknown) => (error instanceof ApiException && error.code === 404 ? true : undefined),
      ),
      30_000,
    );
    expect((await core.listConfigMapForAllNamespaces({ fieldSelector: `metadata.namespace=${namespace}` })).items).toEqual([]);
  });

  it('removes fields a manager stops applying, keeps other managers fields, and reports conflicts', async () => {
    const namespace = await freshNamespace();
    await apply(configMap(namespace, 'owned', { app: 'demo', stale: 'yes' }, { a: '1', b: '2' }));
    await apply(configMap(namespace, 'owned', {}, { c: '3' }), 'other-manager');
    const reapplied = (await apply(configMap(namespace, 'owned', { app: 'demo' }, { a: '1' }))) as V1ConfigMap;
    expect(reapplied.data).toEqual({ a: '1', c: '3' });
    expect(reapplied.metadata?.labels).toEqual({ app: 'demo' });
    expect(reapplied.metadata?.managedFields?.map((entry) => entry.manager).sort()).toEqual(['nprod-test', 'other-manager']);

    const conflict = await failure(() => apply(configMap(namespace, 'owned', {}, { a: 'changed' }), 'other-manager'));
    expect(conflict.code).toBe(409);
    expect(conflict.status).toMatchObject({ reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "nprod-test" using v1: .data.a' });
    expect(conflict.status.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "nprod-test" using v1', field: '.data.a' }]);

    const forced = (await apply(configMap(namespace, 'owned', {}, { a: 'changed', c: '3' }), 'other-manager', true)) as V1ConfigMap;
    expect(forced.data).toEqual({ a: 'changed', c: '3' });

    const withoutManager = await failure(() => objects.patch(configMap(namespace, 'owned'), undefined, undefined, undefined, undefined, PatchStrategy.ServerSideApply));
    expect(withoutManager.code).toBe(422);
    expect(withoutManager.status.details?.causes?.[0].field).toBe('fieldManager');
  });

  it('creates objects through apply and supports merge and JSON patches', async () => {
    const namespace = await freshNamespace();
    const created = (await apply(configMap(namespace, 'patched', {}, { a: '1' }))) as V1ConfigMap;
    expect(created.metadata?.uid).toBeTruthy();
    const merged = (await objects.patch({ ...configMap(namespace, 'patched'), data: { b: '2' } }, undefined, undefined, 'editor', undefined, PatchStrategy.MergePatch)) as V1ConfigMap;
    expect(merged.data).toEqual({ a: '1', b: '2' });
    // The typed client sends application/json-patch+json.
    const jsonPatched = await core.patchNamespacedConfigMap({ name: 'patched', namespace, body: [{ op: 'remove', path: '/data/a' }] });
    expect(jsonPatched.data).toEqual({ b: '2' });
  });

  it('simulates controllers: Deployments become available, PVCs Bound', async () => {
    const namespace = await freshNamespace();
    const deployment: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    const created = (await apply(deployment)) as V1Deployment;
    expect(created.status?.availableReplicas).toBeUndefined();
    const ready = await eventually(async () => {
      const current = await apps.readNamespacedDeployment({ name: 'web', namespace });
      return current.status?.availableReplicas === 2 ? current : undefined;
    });
    expect(ready.status?.conditions?.find((condition) => condition.type === 'Available')?.status).toBe('True');
    expect(ready.status?.observedGeneration).toBe(1);

    await apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } as KubernetesObject);
    const bound = await eventually(async () => {
      const claim = await core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace });
      return claim.status?.phase === 'Bound' ? claim : undefined;
    });
    expect(bound.status?.capacity).toEqual({ storage: '1Gi' });
  });

  it('injects faults and logs requests', async () => {
    const namespace = await freshNamespace();
    emulator.resetRequests();
    emulator.faults.add({ method: 'GET', pathIncludes: '/configmaps', status: 429, times: 1, retryAfterSeconds: 2 });
    const throttled = await failure(() => core.listNamespacedConfigMap({ namespace }));
    expect(throttled.code).toBe(429);
    expect(throttled.headers['retry-after']).toBe('2');
    expect(throttled.status).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 2 }, code: 429 });
    await core.listNamespacedConfigMap({ namespace });
    emulator.faults.add({ status: 500, times: 1 });
    expect((await failure(() => core.readNamespace({ name: namespace }))).status.reason).toBe('InternalError');
    expect(emulator.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['GET 429', 'GET 200', 'GET 500']);
  });

  it('streams watch events', async () => {
    const namespace = await freshNamespace();
    const controller = new AbortController();
    const response = await fetch(`${emulator.url}/api/v1/namespaces/${namespace}/configmaps?watch=true`, { headers: { Authorization: 'Bearer nprod-emulator-token' }, signal: controller.signal });
    await core.createNamespacedConfigMap({ namespace, body: configMap(namespace, 'watched') });
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    const event = JSON.parse(new TextDecoder().decode(value).split('\n')[0]) as { type: string; object: V1ConfigMap };
    expect(event.type).toBe('ADDED');
    expect(event.object.metadata?.name).toBe('watched');
    controller.abort();
  });
});

describe('KubeEmulator persistence', () => {
  it('keeps objects across a restart when persistFile is set', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'kube-emulator-'));
    const persistFile = join(directory, 'store.json');
    try {
      const first = await KubeEmulator.start({ persistFile });
      const core = (() => {
        const kubeConfig = new KubeConfig();
        kubeConfig.loadFromString(first.kubeconfigYaml());
        return kubeConfig.makeApiClient(CoreV1Api);
      })();
      await core.createNamespace({ body: { metadata: { name: 'kept' } } });
      const created = await core.createNamespacedConfigMap({ namespace: 'kept', body: configMap('kept', 'survivor', {}, { a: '1' }) });
      await first.stop();

      const second = await KubeEmulator.start({ persistFile });
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(second.kubeconfigYaml());
      const restored = await kubeConfig.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'survivor', namespace: 'kept' });
      expect(restored.metadata?.uid).toBe(created.metadata?.uid);
      const next = await kubeConfig.makeApiClient(CoreV1Api).createNamespacedConfigMap({ namespace: 'kept', body: configMap('kept', 'newer') });
      expect(Number(next.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
      await second.stop();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
