import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { AllocationEntity, OrderEntity, QuotaReservationEntity, createDataSource } from '@nprod/database';
import { FIELD_MANAGER, LABEL_INSTANCE, LABEL_SPACE, OrderTarget } from '@nprod/domain';
import { KubeEmulator, freePort } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, testConfig, type ApiHarness } from '../support/api-harness';
import { eventually } from '../support/platform-harness';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';
import { startTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 5: a worker killed in the middle of a job loses nothing. The worker runs as a real child
 * process (the built dist/apps/worker/src/main.js) against the Kubernetes API emulator; a slow
 * response holds a job mid-flight, the process gets SIGKILL, and a second worker takes the
 * stalled job over. The result must be what an uninterrupted run gives: the same objects, one
 * PROVISIONING and one COMPLETED event, the quota counted once.
 */
const WORKER_MAIN = resolve('dist/apps/worker/src/main.js');
const STALLED_INTERVAL_MS = 1000;

let emulator: KubeEmulator;
let scratch: string;
let kubeconfig: string;
let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let t: Tenancy;
let objects: KubernetesObjectApi;
let env: Record<string, string>;
const workers: ChildProcess[] = [];

interface WorkerProcess {
  child: ChildProcess;
  output(): string;
}

function startWorker(healthPort: number): WorkerProcess {
  const child = spawn(process.execPath, [WORKER_MAIN], { env: { ...process.env, ...env, WORKER_HEALTH_PORT: String(healthPort) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  workers.push(child);
  return { child, output: () => output };
}

async function waitReady(worker: WorkerProcess, port: number): Promise<void> {
  await eventually(
    async () => {
      if (worker.child.exitCode !== null) throw new Error(`worker exited with ${worker.child.exitCode}:\n${worker.output()}`);
      return (await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok).catch(() => false)) ? true : undefined;
    },
    'the worker child process to be ready',
    60_000,
    100,
  );
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await exited;
}

const ORDER = `query($id: ID!) { Order(id: $id) { id status statusReason events { fromStatus toStatus actorKind } } }`;
const SPACE = `query($id: ID!) { Space(id: $id) { id status statusReason namespace } }`;
const CREATE_SPACE = `mutation($t: ID!, $s: String!) { createSpace(tenantId: $t, name: $s, slug: $s, cpuMillicores: 1500, memoryMiB: 3072, storageGiB: 30) { id namespace } }`;
const SUBMIT = `mutation($t: ID!, $o: ID!, $s: ID!, $n: String!, $k: String!) { submitOrder(tenantId: $t, offeringId: $o, spaceId: $s, planKey: "small", name: $n, idempotencyKey: $k) { id instanceId } }`;
const INSTANCE = `query($id: ID!) { Instance(id: $id) { id status statusReason cpuMillicores memoryMiB storageGiB endpoints { kind component url } credentialsSecretName } }`;

const used = async () => {
  const allocation = await db.getRepository(AllocationEntity).findOneByOrFail({ tenantId: t.own.id, region: 'almaty' });
  return { cpu: allocation.usedCpuMillicores, memory: allocation.usedMemoryMiB, storage: allocation.usedStorageGiB, spaces: allocation.usedSpaces, instances: allocation.usedInstances };
};

const spaceOrderOf = async (spaceId: string) => (await db.getRepository(OrderEntity).findOneByOrFail({ spaceId, target: OrderTarget.Space })).id;

async function settled(orderId: string): Promise<Record<string, any>> {
  let last: Record<string, any> | undefined;
  return eventually(
    async () => {
      last = (await t.clients.owner.data(ORDER, { id: orderId })).Order;
      if (last!.status === 'FAILED') throw new Error(`order ${orderId} FAILED: ${last!.statusReason}`);
      return last!.status === 'COMPLETED' ? last : undefined;
    },
    `order ${orderId} to complete (last ${JSON.stringify(last)})`,
    60_000,
    100,
  );
}

/** Waits until a request matching the predicate has reached the emulator and is not answered yet. */
async function inFlight(what: string, match: (entry: { method: string; path: string }) => boolean): Promise<void> {
  await eventually(async () => (emulator.requests.some((entry) => entry.status === 0 && match(entry)) ? true : undefined), what, 30_000, 5);
}

const KINDS = [
  { apiVersion: 'v1', kind: 'ResourceQuota' },
  { apiVersion: 'v1', kind: 'LimitRange' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
];

/**
 * The objects with a label, without what the server adds or what names them apart (uid, times,
 * resourceVersion, the order id); names, namespace and slugs are replaced by placeholders so a
 * control run and a crashed run compare equal when they hold the same content.
 */
async function snapshot(namespace: string, labelSelector: string, replace: Array<[string, string]>, withNamespace: boolean): Promise<unknown[]> {
  const found: KubernetesObject[] = [];
  if (withNamespace) found.push(await objects.read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }));
  for (const kind of KINDS) {
    const list = await objects.list(kind.apiVersion, kind.kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
    found.push(...list.items.map((item) => ({ ...item, apiVersion: kind.apiVersion, kind: kind.kind })));
  }
  for (const object of found) {
    expect(object.metadata?.managedFields?.map((entry) => entry.manager)).toEqual([FIELD_MANAGER]);
  }
  const normalised = found.map((object) => {
    const { metadata, status: _status, ...rest } = object as KubernetesObject & { status?: unknown; data?: unknown };
    const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, managedFields: _mf, generation: _g, annotations, ...meta } = metadata ?? {};
    const { 'nprod.io/order-id': _order, ...otherAnnotations } = annotations ?? {};
    // Secrets hold generated passwords: compared separately with what the database stored.
    let body: Record<string, unknown> = rest;
    if (object.kind === 'Secret') body = { ...rest, data: Object.keys((rest as { data?: Record<string, string> }).data ?? {}).sort() };
    // The API server gives every Service its own address.
    if (object.kind === 'Service') {
      const { clusterIP: _ip, clusterIPs: _ips, ...spec } = (rest as { spec?: Record<string, unknown> }).spec ?? {};
      body = { ...rest, spec };
    }
    let text = JSON.stringify({ ...body, metadata: { ...meta, annotations: otherAnnotations } });
    for (const [from, to] of replace) text = text.split(from).join(to);
    return JSON.parse(text);
  });
  return normalised.sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
}

const shape = (order: Record<string, any>) => order.events.map((event: { fromStatus: string | null; toStatus: string; actorKind: string }) => `${event.fromStatus}->${event.toStatus} by ${event.actorKind}`);

beforeAll(async () => {
  if (!existsSync(WORKER_MAIN)) {
    throw new Error(`${WORKER_MAIN} is missing: this test runs the built worker as a child process. Run \`npm run build\` first (\`npm test\` builds before testing).`);
  }
  emulator = await KubeEmulator.start({ readinessDelayMs: 20 });
  scratch = await mkdtemp(join(tmpdir(), 'nprod-worker-crash-'));
  kubeconfig = join(scratch, 'kubeconfig');
  emulator.writeKubeconfig(kubeconfig);
  database = await startTestDatabase();
  const base = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    JWT_SECRET: 'test-secret-test-secret-test-secret!',
    DATA_ENCRYPTION_KEY: 'test-data-key-test-data-key-test-data-key!',
    NPROD_DATA_DIR: join(scratch, 'data'),
    LOG_LEVEL: 'warn',
  };
  api = await startApi(testConfig(database.url, { NPROD_DATA_DIR: base.NPROD_DATA_DIR }));
  env = {
    ...base,
    KUBECONFIG: kubeconfig,
    KUBE_CLUSTER_REGIONS: 'almaty',
    WORKER_STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS),
    // The crash is what is tested: no periodic re-apply that could finish the job instead.
    RECONCILE_INTERVAL_SECONDS: '0',
    PROVISION_TIMEOUT_SECONDS: '30',
  };
  db = await createDataSource({ url: database.url, poolSize: 2 }).initialize();
  t = await createTenancy(db, () => api.client());
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  objects = KubernetesObjectApi.makeApiClient(kc);
});

afterAll(async () => {
  for (const child of workers) await kill(child, 'SIGKILL');
  await db?.destroy();
  await api?.stop();
  await database?.stop();
  await emulator?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('a worker killed in the middle of a job', () => {
  let control: { spaceId: string; namespace: string; orderId: string };
  let current: WorkerProcess;

  it('a control space provisions uninterrupted with the first worker', async () => {
    const port = await freePort();
    current = startWorker(port);
    await waitReady(current, port);
    const { createSpace } = await t.clients.owner.data(CREATE_SPACE, { t: t.own.id, s: 'first-run' });
    const orderId = await spaceOrderOf(createSpace.id);
    await settled(orderId);
    control = { spaceId: createSpace.id, namespace: createSpace.namespace, orderId };
    expect((await t.clients.owner.data(SPACE, { id: createSpace.id })).Space.status).toBe('ACTIVE');
  });

  it('space: SIGKILL while the ResourceQuota is being applied; the next worker finishes it with the same objects, events and quota', async () => {
    const before = await used();
    emulator.faults.add({ method: 'PATCH', pathIncludes: '/resourcequotas/', delayMs: 3000, times: 1 });
    const { createSpace } = await t.clients.owner.data(CREATE_SPACE, { t: t.own.id, s: 'crash-run' });
    const orderId = await spaceOrderOf(createSpace.id);
    await inFlight('the ResourceQuota apply of the crashed space', (entry) => entry.method === 'PATCH' && entry.path.includes(`/namespaces/${createSpace.namespace}/resourcequotas/`));
    expect((await t.clients.owner.data(ORDER, { id: orderId })).Order.status).toBe('PROVISIONING');
    await kill(current.child, 'SIGKILL');

    const port = await freePort();
    current = startWorker(port);
    await waitReady(current, port);
    const order = await settled(orderId);
    const space = (await t.clients.owner.data(SPACE, { id: createSpace.id })).Space;
    expect(space).toMatchObject({ status: 'ACTIVE', statusReason: null });
    // The second worker ran the job again from the start (stalled-job recovery), not from where the first stopped.
    const namespaceApplies = emulator.requests.filter((entry) => entry.method === 'PATCH' && entry.path === `/api/v1/namespaces/${createSpace.namespace}`);
    expect(namespaceApplies.length).toBeGreaterThanOrEqual(2);

    const controlOrder = (await t.clients.owner.data(ORDER, { id: control.orderId })).Order;
    expect(shape(order)).toEqual(shape(controlOrder));
    expect(order.events.filter((event: { toStatus: string }) => event.toStatus === 'PROVISIONING')).toHaveLength(1);
    expect(order.events.filter((event: { toStatus: string }) => event.toStatus === 'COMPLETED')).toHaveLength(1);

    const [controlObjects, crashedObjects] = await Promise.all([
      snapshot(control.namespace, `${LABEL_SPACE}=first-run`, [[control.namespace, 'NS'], ['first-run', 'SPACE']], true),
      snapshot(createSpace.namespace, `${LABEL_SPACE}=crash-run`, [[createSpace.namespace, 'NS'], ['crash-run', 'SPACE']], true),
    ]);
    expect(crashedObjects.length).toBeGreaterThanOrEqual(5);
    expect(crashedObjects).toEqual(controlObjects);

    expect(await used()).toEqual({ ...before, cpu: before.cpu + 1500, memory: before.memory + 3072, storage: before.storage + 30, spaces: before.spaces + 1 });
    expect(await db.getRepository(QuotaReservationEntity).countBy({ orderId })).toBe(1);
  });

  it('instance: SIGKILL while the StatefulSet is being applied; the next worker finishes it with the same objects and the stored credentials', async () => {
    const offerings = (await t.clients.owner.data(`{ allOfferings(filter: { q: "postgresql" }) { id key } }`)).allOfferings as Array<{ id: string; key: string }>;
    const offeringId = offerings.find((offering) => offering.key === 'postgresql')!.id;
    const controlOrder = (await t.clients.owner.data(SUBMIT, { t: t.own.id, o: offeringId, s: control.spaceId, n: 'pg-db', k: 'crash-control' })).submitOrder;
    await settled(controlOrder.id);

    const before = await used();
    emulator.faults.add({ method: 'PATCH', pathIncludes: '/statefulsets/', delayMs: 3000, times: 1 });
    const submitted = (await t.clients.owner.data(SUBMIT, { t: t.own.id, o: offeringId, s: (await spaceIdOf('crash-run'))!, n: 'pg-db', k: 'crash-crashed' })).submitOrder;
    const crashedNamespace = `t-${t.own.slug}--crash-run`;
    await inFlight('the StatefulSet apply of the crashed instance', (entry) => entry.method === 'PATCH' && entry.path.includes(`/namespaces/${crashedNamespace}/statefulsets/`));
    expect((await t.clients.owner.data(ORDER, { id: submitted.id })).Order.status).toBe('PROVISIONING');
    await kill(current.child, 'SIGKILL');

    const port = await freePort();
    current = startWorker(port);
    await waitReady(current, port);
    const order = await settled(submitted.id);
    const controlSettled = (await t.clients.owner.data(ORDER, { id: controlOrder.id })).Order;
    expect(shape(order)).toEqual(shape(controlSettled));

    const instance = (await t.clients.owner.data(INSTANCE, { id: submitted.instanceId })).Instance;
    const controlInstance = (await t.clients.owner.data(INSTANCE, { id: controlOrder.instanceId })).Instance;
    expect(instance.status).toBe('ACTIVE');
    const strip = (value: Record<string, any>, ns: string) => JSON.parse(JSON.stringify({ ...value, id: undefined }).split(ns).join('NS'));
    expect(strip(instance, crashedNamespace)).toEqual(strip(controlInstance, control.namespace));

    const [controlObjects, crashedObjects] = await Promise.all([
      snapshot(control.namespace, `${LABEL_INSTANCE}=${controlOrder.instanceId}`, [[control.namespace, 'NS'], [controlOrder.instanceId, 'INSTANCE'], ['first-run', 'SPACE']], false),
      snapshot(crashedNamespace, `${LABEL_INSTANCE}=${submitted.instanceId}`, [[crashedNamespace, 'NS'], [submitted.instanceId, 'INSTANCE'], ['crash-run', 'SPACE']], false),
    ]);
    expect(crashedObjects.length).toBeGreaterThanOrEqual(4);
    expect(crashedObjects).toEqual(controlObjects);

    // The Secret holds the credentials the database stored: generated once, not again by the second worker.
    const { revealInstanceCredentials } = await t.clients.owner.data(`mutation($id: ID!) { revealInstanceCredentials(id: $id) { secretName values } }`, { id: submitted.instanceId });
    const secret = (await objects.read({ apiVersion: 'v1', kind: 'Secret', metadata: { name: revealInstanceCredentials.secretName, namespace: crashedNamespace } })) as KubernetesObject & { data?: Record<string, string> };
    const decoded = Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
    expect(decoded).toEqual(revealInstanceCredentials.values);

    // Its size comes out of its space; the allocation counts the instance, once.
    expect(await used()).toEqual({ ...before, instances: before.instances + 1 });
    expect(await db.getRepository(QuotaReservationEntity).countBy({ orderId: submitted.id })).toBe(1);
  });
});

async function spaceIdOf(slug: string): Promise<string | undefined> {
  const [row] = await db.query<Array<{ id: string }>>(`SELECT id FROM spaces WHERE tenant_id = $1 AND slug = $2`, [t.own.id, slug]);
  return row?.id;
}
