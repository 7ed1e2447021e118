import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ClusterEntity, OrderEntity, OrderEventEntity, SpaceEntity, createDataSource } from '@nprod/database';
import { SpaceStatus } from '@nprod/domain';
import { KubeEmulator } from '@nprod/testing';
import { In, type DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterPlacementService } from '../../apps/worker/src/cluster/cluster-placement.service';
import { ClusterRegistryService } from '../../apps/worker/src/cluster/cluster-registry.service';
import type { GraphqlClient } from '../support/graphql-client';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * Operators register clusters over GraphQL; the worker connects to them with the sealed
 * credentials and places each space on a cluster of its tenant's home region with room, or
 * leaves the order waiting with the reason. Two emulators stand for two regions' clusters;
 * the worker's own start-up emulator serves a region no tenant lives in.
 */
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let operator: GraphqlClient;
const emulators: Record<'almaty' | 'astana' | 'shymkent', KubeEmulator> = {} as never;
const clusterIds: Record<string, string> = {};
const stopped = new Set<string>();
/** Tenants homed in astana and shymkent (the tenancy fixture's own tenant lives in almaty). */
const homes: Record<'astana' | 'shymkent', string> = { astana: '', shymkent: '' };

const REGISTER = `mutation($name: String!, $regions: [String!]!, $kubeconfig: String, $apiUrl: String, $token: String) {
  registerCluster(name: $name, regions: $regions, kubeconfig: $kubeconfig, apiUrl: $apiUrl, token: $token) {
    id name regions apiUrl credentialsSource health cordoned spacesCount
  }
}`;
const CLUSTER = `query($id: ID!) { Cluster(id: $id) { id name health healthReason healthReasonCode lastSeenAt cordoned cordonReason spacesCount reservedCpuMillicores capacityCpuMillicores } }`;
const CREATE_SPACE = `mutation($tenantId: ID!, $slug: String!, $cpu: Int!) { createSpace(tenantId: $tenantId, name: $slug, slug: $slug, cpuMillicores: $cpu, memoryMiB: 256, storageGiB: 1) { id namespace } }`;
const SPACE = `query($id: ID!) { Space(id: $id) { status statusReason clusterName namespace } }`;

const coreOf = (emulator: KubeEmulator) => {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(emulator.kubeconfigYaml());
  return kubeConfig.makeApiClient(CoreV1Api);
};
const namespaceExists = (emulator: KubeEmulator, name: string) => coreOf(emulator).readNamespace({ name }).then(() => true, () => false);

async function register(name: string, region: keyof typeof emulators): Promise<string> {
  const { registerCluster } = await operator.data(REGISTER, { name, regions: [region], kubeconfig: emulators[region].kubeconfigYaml() });
  clusterIds[name] = registerCluster.id;
  // The worker opens the credentials, connects and probes it (the API's cluster.changed job).
  await eventually(async () => ((await operator.data(CLUSTER, { id: registerCluster.id })).Cluster.health === 'HEALTHY' ? true : undefined), `${name} to be probed HEALTHY`);
  return registerCluster.id;
}

async function createSpace(tenantId: string, slug: string, cpu = 500): Promise<string> {
  return (await operator.data(CREATE_SPACE, { tenantId, slug, cpu })).createSpace.id;
}

async function activeOn(spaceId: string): Promise<{ clusterName: string; namespace: string }> {
  return eventually(async () => {
    const space = (await operator.data(SPACE, { id: spaceId })).Space;
    if (space.status === 'FAILED') throw new Error(`space failed: ${space.statusReason}`);
    return space.status === 'ACTIVE' ? space : undefined;
  }, `space ${spaceId} to become ACTIVE`);
}

async function waitingWith(spaceId: string, text: string): Promise<string> {
  return eventually(async () => {
    const space = (await operator.data(SPACE, { id: spaceId })).Space;
    if (space.status !== 'PROVISIONING') throw new Error(`space is ${space.status} (${space.statusReason}), expected it to wait`);
    if (!space.statusReason?.includes(text)) return undefined;
    // Waiting is not provisioning: nothing is applied yet, so the order stays APPROVED (and can be cancelled).
    expect((await orderOf(spaceId)).status).toBe('APPROVED');
    return space.statusReason as string;
  }, `space ${spaceId} to wait with "${text}"`);
}

const orderOf = (spaceId: string) => db.getRepository(OrderEntity).findOneByOrFail({ spaceId });

beforeAll(async () => {
  [emulators.almaty, emulators.astana, emulators.shymkent] = await Promise.all([KubeEmulator.start(), KubeEmulator.start({ token: 'astana-secret-token' }), KubeEmulator.start()]);
  platform = await startPlatform({ KUBE_CLUSTER_REGIONS: 'lab' });
  db = await createDataSource({ url: platform.database.url, poolSize: 2 }).initialize();
  t = await createTenancy(db, () => platform.api.client());
  operator = t.clients.operator;
  for (const region of ['astana', 'shymkent'] as const) {
    const { createTenant } = await operator.data(
      `mutation($slug: String!, $region: String!) { createTenant(name: $slug, slug: $slug, kind: BUSINESS, region: $region, registryNumber: null,
        cpuMillicores: 16000, memoryMiB: 16384, storageGiB: 100, maxSpaces: 10) { id } }`,
      { slug: `home-${region}`, region },
    );
    homes[region] = createTenant.id;
  }
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
  await Promise.all(Object.entries(emulators).map(([region, emulator]) => (stopped.has(region) ? undefined : emulator?.stop())));
});

describe('registering clusters', () => {
  it('refuses a kubeconfig it cannot use with an error on the kubeconfig field, and stores nothing', async () => {
    const before = await db.getRepository(ClusterEntity).count();
    const noContext = emulators.almaty.kubeconfigYaml().replace(/current-context: .*/, '');
    const noCredentials = emulators.almaty.kubeconfigYaml().replace(/ {4}token: .*/, '    username: nobody');
    const execPlugin = emulators.almaty.kubeconfigYaml().replace(/ {4}token: .*/, '    exec: { command: aws, apiVersion: client.authentication.k8s.io/v1 }');
    for (const [kubeconfig, message] of [
      ['clusters: [unclosed', 'not valid YAML'],
      [noContext, 'no current-context'],
      [noCredentials, 'has no credentials'],
      [execPlugin, 'exec plugin'],
    ] as const) {
      const result = await operator.request(REGISTER, { name: 'broken', regions: ['almaty'], kubeconfig });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kubeconfig' });
      expect(result.errors?.[0].message).toContain(message);
    }
    const badRegion = await operator.request(REGISTER, { name: 'broken', regions: ['Almaty City'], kubeconfig: emulators.almaty.kubeconfigYaml() });
    expect(badRegion.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regions' });
    const plainToken = await operator.request(REGISTER, { name: 'broken', regions: ['almaty'], apiUrl: emulators.almaty.url, token: 'nprod-emulator-token' });
    expect(plainToken.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'apiUrl' });
    expect(await db.getRepository(ClusterEntity).count()).toBe(before);
  });

  it('lets only operators register; auditors read, tenant people see nothing', async () => {
    const kubeconfig = emulators.almaty.kubeconfigYaml();
    for (const persona of ['auditor', 'owner'] as const) {
      const refused = await t.clients[persona].request(REGISTER, { name: `by-${persona}`, regions: ['almaty'], kubeconfig });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await t.clients.auditor.data(`{ allClusters { id } }`)).allClusters.length).toBeGreaterThan(0);
    expect((await t.clients.owner.request(`{ allClusters { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await db.getRepository(ClusterEntity).countBy({ name: 'by-auditor' })).toBe(0);
  });

  it('seals the credentials: neither the row, the API nor the audit trail shows the token', async () => {
    const id = await register('kz-astana-1', 'astana');
    const [row] = await db.query(`SELECT * FROM clusters WHERE id = $1`, [id]);
    expect(row.credentials_ref).toBe('sealed');
    expect(row.credentials_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('astana-secret-token');
    const { __type } = await operator.data(`{ __type(name: "Cluster") { fields { name } } }`);
    expect(JSON.stringify(__type)).not.toMatch(/credentialsSealed|token|kubeconfig/);
    const [audit] = await db.query(`SELECT details FROM audit_events WHERE action = 'registerCluster' AND outcome = 'SUCCESS' ORDER BY id DESC LIMIT 1`);
    expect(audit.details.args.kubeconfig).toBe('[redacted]');
    expect(JSON.stringify(audit)).not.toContain('astana-secret-token');
  });
});

describe('placement', () => {
  it("puts a space on a cluster of its tenant's home region, never elsewhere", async () => {
    await register('kz-almaty-1', 'almaty');
    const almatySpace = await createSpace(t.own.id, 'first');
    const astanaSpace = await createSpace(homes.astana, 'first');
    const [almaty, astana] = await Promise.all([activeOn(almatySpace), activeOn(astanaSpace)]);
    expect(almaty.clusterName).toBe('kz-almaty-1');
    expect(astana.clusterName).toBe('kz-astana-1');
    expect(await namespaceExists(emulators.almaty, almaty.namespace)).toBe(true);
    expect(await namespaceExists(emulators.astana, almaty.namespace)).toBe(false);
    expect(await namespaceExists(emulators.astana, astana.namespace)).toBe(true);
    const cluster = (await operator.data(CLUSTER, { id: clusterIds['kz-almaty-1'] })).Cluster;
    expect(cluster).toMatchObject({ spacesCount: 1, reservedCpuMillicores: 500 });
    expect(cluster.lastSeenAt).toBeTruthy();
  });

  it('sends no new space to a cordoned cluster: the order waits with the reason until it is uncordoned', async () => {
    await operator.data(`mutation($id: ID!) { cordonCluster(id: $id, reason: "node upgrade") { cordoned } }`, { id: clusterIds['kz-almaty-1'] });
    const spaceId = await createSpace(t.own.id, 'during-upgrade');
    expect(await waitingWith(spaceId, 'kz-almaty-1 is cordoned (node upgrade)')).toContain('region almaty');
    const order = await orderOf(spaceId);
    expect(order.status).toBe('APPROVED');
    expect(order.statusReason).toContain('cordoned');
    await operator.data(`mutation($id: ID!) { uncordonCluster(id: $id) { cordoned } }`, { id: clusterIds['kz-almaty-1'] });
    expect((await activeOn(spaceId)).clusterName).toBe('kz-almaty-1');
  });

  it('a space that fits nowhere waits, with one event per reason, and is created once an operator raises capacity', async () => {
    const astana = (await operator.data(CLUSTER, { id: clusterIds['kz-astana-1'] })).Cluster;
    const update = `mutation($id: ID!, $cpu: Int, $qps: Int) { updateCluster(id: $id, capacityCpuMillicores: $cpu, qps: $qps) { capacityCpuMillicores } }`;
    await operator.data(update, { id: astana.id, cpu: astana.reservedCpuMillicores + 500 });
    const spaceId = await createSpace(homes.astana, 'too-big', 1000);
    const reason = await waitingWith(spaceId, 'No cluster in region astana has room for 1 CPU: the best is kz-astana-1 with 0.5 CPU free');
    // Another announced change retries the order: it still waits, and the same reason is not recorded again.
    const order = await orderOf(spaceId);
    await operator.data(update, { id: astana.id, qps: 25 });
    await eventually(
      async () => ((await jobsWrittenFor(order.id)) >= 2 && (await orderOf(spaceId)).updatedAt > order.updatedAt ? true : undefined),
      'the waiting order to be retried',
    );
    // The worker's client for the cluster now sends at most 25 requests a second.
    const registry = platform.worker.context.get(ClusterRegistryService);
    const limiter = await eventually(async () => (registry.byId(astana.id)?.client.rateLimiter.qps === 25 ? registry.byId(astana.id)!.client.rateLimiter : undefined), 'the new rate limit');
    expect(limiter.burst).toBe(50);
    expect(await db.getRepository(OrderEventEntity).countBy({ orderId: order.id, reason })).toBe(1);
    expect((await orderOf(spaceId)).status).toBe('APPROVED');

    await operator.data(update, { id: astana.id, cpu: astana.reservedCpuMillicores + 2000 });
    expect((await activeOn(spaceId)).clusterName).toBe('kz-astana-1');
  });

  it('never overfills a cluster when many spaces are placed at once', async () => {
    const astana = (await operator.data(CLUSTER, { id: clusterIds['kz-astana-1'] })).Cluster;
    await operator.data(`mutation($id: ID!, $max: Int) { updateCluster(id: $id, capacityMaxSpaces: $max) { id } }`, { id: astana.id, max: astana.spacesCount + 3 });
    // Twenty spaces placed at the same moment (rows without orders, so no job races this one).
    const spaces = db.getRepository(SpaceEntity);
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, index) =>
        (await spaces.save(spaces.create({ tenantId: homes.astana, name: `Race ${index}`, slug: `race-${index}`, namespace: `race-${index}-${astana.id.slice(0, 8)}`, region: 'astana', cpuMillicores: 100, memoryMiB: 128, storageGiB: 1 }))).id,
      ),
    );
    const decisions = await allAtOnce(ids, (placement, id) => placement.place(id));
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(3);
    expect(decisions.filter((decision) => !decision.ok).map((decision) => (decision as { reason: string }).reason)).toEqual(Array(17).fill(expect.stringContaining('room for one more space')));
    expect((await operator.data(CLUSTER, { id: astana.id })).Cluster.spacesCount).toBe(astana.spacesCount + 3);
    await spaces.update({ id: In(ids) }, { status: SpaceStatus.Deleted });
  });

  it('never overfills a cluster when many spaces there grow at once', async () => {
    const astana = (await operator.data(CLUSTER, { id: clusterIds['kz-astana-1'] })).Cluster;
    const spaces = db.getRepository(SpaceEntity);
    const ids = await Promise.all(
      Array.from({ length: 10 }, async (_, index) =>
        (
          await spaces.save(
            spaces.create({ tenantId: homes.astana, name: `Grow ${index}`, slug: `grow-${index}`, namespace: `grow-${index}-${astana.id.slice(0, 8)}`, region: 'astana', clusterId: astana.id, status: SpaceStatus.Active, cpuMillicores: 100, memoryMiB: 128, storageGiB: 1 }),
          )
        ).id,
      ),
    );
    // Room for two of the ten to grow by 0.1 CPU.
    const reserved = (await operator.data(CLUSTER, { id: astana.id })).Cluster.reservedCpuMillicores;
    await operator.data(`mutation($id: ID!, $cpu: Int, $max: Int) { updateCluster(id: $id, capacityCpuMillicores: $cpu, capacityMaxSpaces: $max) { id } }`, { id: astana.id, cpu: reserved + 250, max: null });
    const decisions = await allAtOnce(ids, (placement, id) => placement.admitResize(id, { cpuMillicores: 200, memoryMiB: 128, storageGiB: 1 }));
    expect(decisions.filter((decision) => decision.ok)).toHaveLength(2);
    expect(decisions.filter((decision) => !decision.ok).map((decision) => (decision as { reason: string }).reason)).toEqual(Array(8).fill(expect.stringContaining('no room to grow the space by 0.1 CPU: it has 0.05 CPU free')));
    expect((await operator.data(CLUSTER, { id: astana.id })).Cluster.reservedCpuMillicores).toBe(reserved + 200);
    await spaces.update({ id: In(ids) }, { status: SpaceStatus.Deleted });
  });

  it('a space in a region no cluster serves waits, and lands on the first cluster registered there', async () => {
    const spaceId = await createSpace(homes.shymkent, 'frontier');
    await waitingWith(spaceId, 'No cluster serves region shymkent yet');
    await register('kz-shymkent-1', 'shymkent');
    const space = await activeOn(spaceId);
    expect(space.clusterName).toBe('kz-shymkent-1');
    expect(await namespaceExists(emulators.shymkent, space.namespace)).toBe(true);
  });

  it('marks a cluster whose API server stops answering UNREACHABLE, and places nothing there', async () => {
    await emulators.shymkent.stop();
    stopped.add('shymkent');
    // A changed rate limit gives the worker a new client, which it probes at once.
    await operator.data(`mutation($id: ID!) { updateCluster(id: $id, qps: 5) { id } }`, { id: clusterIds['kz-shymkent-1'] });
    const cluster = await eventually(async () => {
      const current = (await operator.data(CLUSTER, { id: clusterIds['kz-shymkent-1'] })).Cluster;
      return current.health === 'UNREACHABLE' ? current : undefined;
    }, 'kz-shymkent-1 to be UNREACHABLE');
    expect(cluster.healthReason).toContain('The API server did not answer');
    // A code the console says in the user's language, and a whole English sentence beside it.
    expect(cluster.healthReasonCode).toBe('CONNECTION_REFUSED');
    expect(cluster.healthReason).toBe('The API server did not answer: the API server refused the connection (ECONNREFUSED).');
    const spaceId = await createSpace(homes.shymkent, 'while-down');
    await waitingWith(spaceId, 'kz-shymkent-1 is unreachable (The API server did not answer');
  });

  it('refuses to delete a cluster that still holds spaces, naming how many; deletes an empty one', async () => {
    const refused = await operator.request(`mutation($id: ID!) { deleteCluster(id: $id) { id } }`, { id: clusterIds['kz-almaty-1'] });
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toContain('still holds 2 spaces');
    const { registerCluster } = await operator.data(REGISTER, { name: 'kz-spare', regions: ['almaty'], kubeconfig: emulators.almaty.kubeconfigYaml() });
    await operator.data(`mutation($id: ID!) { deleteCluster(id: $id) { id } }`, { id: registerCluster.id });
    expect(await db.getRepository(ClusterEntity).countBy({ id: registerCluster.id })).toBe(0);
  });
});

/**
 * Calls the worker's placement service for every space at the same moment, each on a connection
 * of its own, behind a barrier: while the test holds SHARE on spaces a call can read what the
 * cluster has reserved but cannot write its decision, and the barrier opens only once every call
 * is blocked, on that write or on the placement lock before its read. Without the lock all of
 * them have read the same free room by then, so every run would overfill the cluster.
 */
async function allAtOnce<T>(spaceIds: readonly string[], call: (placement: ClusterPlacementService, spaceId: string) => Promise<T>): Promise<T[]> {
  const url = new URL(platform.database.url);
  url.searchParams.set('application_name', 'placement-race');
  const pool = await createDataSource({ url: url.toString(), poolSize: spaceIds.length }).initialize();
  try {
    const placement = new ClusterPlacementService(pool, platform.worker.context.get(ClusterRegistryService));
    const barrier = db.createQueryRunner();
    await barrier.startTransaction();
    await barrier.query('LOCK TABLE spaces IN SHARE MODE');
    const calls = Promise.all(spaceIds.map((id) => call(placement, id)));
    try {
      await eventually(async () => {
        const [{ blocked }] = await db.query(`SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE application_name = 'placement-race' AND wait_event_type = 'Lock'`);
        return blocked === spaceIds.length ? true : undefined;
      }, 'every call to wait at the barrier');
    } finally {
      await barrier.commitTransaction();
      await barrier.release();
    }
    return await calls;
  } finally {
    await pool.destroy();
  }
}

/** How many space jobs were queued for this order (the first run, then each placement retry). */
async function jobsWrittenFor(orderId: string): Promise<number> {
  const [row] = await db.query(`SELECT count(*)::int AS runs FROM outbox_messages WHERE payload->>'orderId' = $1`, [orderId]);
  return row.runs;
}
