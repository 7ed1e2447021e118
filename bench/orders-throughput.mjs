#!/usr/bin/env node
// Benchmark (issue 4): sustained submitOrder throughput and latency through the real API, and
// the latency of the list queries the console uses, with 10 000 tenants and 100 000 orders in
// the database. The worker is not running: this measures the API and PostgreSQL (orders wait
// in the outbox). Results go to bench/results/orders-throughput.json and .md.
// Usage: node bench/orders-throughput.mjs [seconds=20] [concurrency=16]   (after `npm run build`)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = (path) => require(join(process.cwd(), 'dist', path));
const { startEmbeddedPostgres } = dist('libs/testing/src/index.js');
const { migrateDatabase, createDataSource } = dist('libs/database/src/index.js');
const { parseConfig } = dist('libs/config/src/index.js');
const { createApiApp } = dist('apps/api/src/api-app.factory.js');
const { seedDemoData } = dist('apps/api/src/seed/demo-seed.js');

const seconds = Number(process.argv[2] ?? 20);
const concurrency = Number(process.argv[3] ?? 16);
const TENANTS = 10_000;
const ORDERS = 100_000;

const scratch = mkdtempSync(join(tmpdir(), 'nprod-bench-orders-'));
const postgres = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg') });
await migrateDatabase(postgres.url);
const db = await createDataSource({ url: postgres.url, poolSize: 2 }).initialize();
await seedDemoData(db, 'bench-password');

const seedStarted = performance.now();
await db.query(`INSERT INTO tenants (name, slug, kind, status, region)
  SELECT 'Bench tenant ' || i, 'bench-' || i, 'BUSINESS', 'ACTIVE', 'almaty' FROM generate_series(1, $1) AS i`, [TENANTS]);
await db.query(`INSERT INTO allocations (tenant_id, region, cpu_millicores, memory_mib, storage_gib, max_spaces, max_instances)
  SELECT id, 'almaty', 8000, 16384, 100, 5, 10 FROM tenants WHERE slug LIKE 'bench-%'`);
await db.query(`INSERT INTO orders (tenant_id, action, target, status, request, created_at)
  SELECT t.id, 'CREATE', 'SPACE', (ARRAY['COMPLETED','COMPLETED','COMPLETED','FAILED','CANCELLED'])[1 + (i % 5)]::order_status, '{}'::jsonb,
         now() - (i || ' seconds')::interval
  FROM generate_series(1, $1) AS i
  JOIN LATERAL (SELECT id FROM tenants WHERE slug = 'bench-' || (1 + i % $2)) t ON true`, [ORDERS, TENANTS]);
await db.query('ANALYZE');
const seedSeconds = (performance.now() - seedStarted) / 1000;

// The tenant that orders: the demo agency, with room for every order of the run.
const [agency] = await db.query(`SELECT id, slug FROM tenants WHERE slug = 'almaty-region'`);
await db.query(`UPDATE allocations SET cpu_millicores = 100000000, memory_mib = 100000000, storage_gib = 10000000, max_spaces = 100000, max_instances = 10000000 WHERE tenant_id = $1`, [agency.id]);

const config = parseConfig({
  NODE_ENV: 'production',
  DATABASE_URL: postgres.url,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  DATA_ENCRYPTION_KEY: 'bench-encryption-key-bench-encryption-key',
  NPROD_DATA_DIR: join(scratch, 'data'),
  CONSOLE_DIR: join(scratch, 'no-console'),
  LOG_LEVEL: 'error',
  LOGIN_BURST: '1000',
});
const api = await createApiApp(config);
await api.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${api.getHttpServer().address().port}/graphql`;

async function gql(token, query, variables = {}) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { data: body.data, ms: performance.now() - started };
}
const login = async (email) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { login(login: "${email}", password: "bench-password") { accessToken } }` }) }).then((r) => r.json())).data.login.accessToken;
const operator = await login('operator@nprod.local');
const admin = await login('admin@agency.nprod.local');

const { data: spaceData } = await gql(admin, `mutation($t: ID!) { createSpace(tenantId: $t, name: "Bench", slug: "bench", cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 1) { id } }`, { t: agency.id });
// No worker runs here: mark the space ready the way the worker would.
await db.query(`UPDATE spaces SET status = 'ACTIVE' WHERE id = $1`, [spaceData.createSpace.id]);
const { data: offeringData } = await gql(admin, `{ allOfferings(perPage: 50) { id key plans { key } } }`);
const offering = offeringData.allOfferings.find((o) => o.key === 'redis') ?? offeringData.allOfferings.find((o) => o.key !== 'compute-space');

const percentile = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))];
const summary = (values, elapsedSeconds) => ({
  requests: values.length,
  perSecond: Math.round(values.length / elapsedSeconds),
  p50Ms: Number(percentile(values, 50).toFixed(1)),
  p99Ms: Number(percentile(values, 99).toFixed(1)),
});

async function sustain(label, durationSeconds, operation) {
  const latencies = [];
  let errors = 0;
  let sequence = 0;
  const deadline = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        try {
          latencies.push((await operation(sequence++)).ms);
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.error(`${label}: ${String(error).slice(0, 300)}`);
        }
      }
    }),
  );
  const result = { ...summary(latencies, (performance.now() - started) / 1000), errors };
  console.log(`${label}: ${JSON.stringify(result)}`);
  return result;
}

const runId = Date.now().toString(36);
const submitOrder = await sustain('submitOrder', seconds, (i) =>
  gql(admin, `mutation($t: ID!, $o: ID!, $s: ID!, $p: String!, $k: String!) { submitOrder(tenantId: $t, offeringId: $o, spaceId: $s, planKey: $p, idempotencyKey: $k) { id status } }`, {
    t: agency.id,
    o: offering.id,
    s: spaceData.createSpace.id,
    p: offering.plans[0].key,
    k: `bench-${runId}-${i}`,
  }),
);
const listSeconds = Math.max(5, Math.round(seconds / 2));
const lists = {
  allOrdersOperator: await sustain('allOrders (operator, newest first)', listSeconds, () =>
    gql(operator, `{ allOrders(page: 0, perPage: 25, sortField: "createdAt", sortOrder: "DESC") { id status action createdAt } _allOrdersMeta { count } }`),
  ),
  allOrdersTenant: await sustain('allOrders (one tenant, newest first)', listSeconds, () =>
    gql(admin, `query($t: ID!) { allOrders(page: 0, perPage: 25, sortField: "createdAt", sortOrder: "DESC", filter: { tenantId: $t }) { id status } _allOrdersMeta(filter: { tenantId: $t }) { count } }`, { t: agency.id }),
  ),
  allTenantsOperator: await sustain('allTenants (operator, page 200 by name)', listSeconds, () =>
    gql(operator, `{ allTenants(page: 200, perPage: 25, sortField: "name", sortOrder: "ASC") { id name status allocation { cpuMillicores usedCpuMillicores } spacesCount } _allTenantsMeta { count } }`),
  ),
  allTenantsSearch: await sustain('allTenants (search)', listSeconds, () => gql(operator, `{ allTenants(perPage: 25, filter: { q: "tenant 77" }) { id name } _allTenantsMeta(filter: { q: "tenant 77" }) { count } }`)),
};

await api.close();
await db.destroy();
await postgres.stop();
rmSync(scratch, { recursive: true, force: true });

const result = {
  benchmark: 'submitOrder and console list queries through the API',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  data: { tenants: TENANTS + 1, orders: ORDERS, seedSeconds: Number(seedSeconds.toFixed(1)) },
  concurrency,
  submitOrder,
  lists,
};
writeFileSync('bench/results/orders-throughput.json', `${JSON.stringify(result, null, 2)}\n`);
const row = (name, r) => `| ${name} | ${r.perSecond}/s | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.errors} |`;
writeFileSync(
  'bench/results/orders-throughput.md',
  `# submitOrder and list queries (API + PostgreSQL, no worker)\n\n${result.date}, ${result.machine.cpus} CPUs, Node ${result.machine.node}; ` +
    `${TENANTS + 1} tenants, ${ORDERS} orders in the database; ${concurrency} concurrent clients; the load generator shares the machine.\n\n` +
    `| operation | throughput | p50 | p99 | errors |\n|---|---|---|---|---|\n` +
    [row('submitOrder (instance, auto-approved)', submitOrder), ...Object.entries(lists).map(([name, r]) => row(name, r))].join('\n') +
    '\n',
);
process.exit(0);
