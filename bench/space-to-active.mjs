#!/usr/bin/env node
// Benchmark: time from the createSpace mutation to the space being ACTIVE, against the
// built-in Kubernetes emulator, with the real API, worker, PostgreSQL and BullMQ (PostgreSQL
// backend). Sequential orders give the latency one person sees; a concurrent burst gives
// throughput. Results go to bench/results/space-to-active.json and .md.
// Usage: node bench/space-to-active.mjs [sequential=20] [burst=50]   (after `npm run build`)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = (path) => require(join(process.cwd(), 'dist', path));
const { startEmbeddedPostgres, freePort } = dist('libs/testing/src/index.js');
const { migrateDatabase, createDataSource } = dist('libs/database/src/index.js');
const { parseConfig } = dist('libs/config/src/index.js');
const { createApiApp } = dist('apps/api/src/api-app.factory.js');
const { createWorkerApp } = dist('apps/worker/src/worker-app.factory.js');
const { seedDemoData } = dist('apps/api/src/seed/demo-seed.js');

const sequential = Number(process.argv[2] ?? 20);
const burst = Number(process.argv[3] ?? 50);
const scratch = mkdtempSync(join(tmpdir(), 'nprod-bench-'));
const postgres = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg') });
await migrateDatabase(postgres.url);
const seedDb = await createDataSource({ url: postgres.url, poolSize: 1 }).initialize();
await seedDemoData(seedDb, 'bench-password');
await seedDb.destroy();
const config = parseConfig({
  NODE_ENV: 'production',
  DATABASE_URL: postgres.url,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  NPROD_DATA_DIR: join(scratch, 'data'),
  WORKER_HEALTH_PORT: String(await freePort()),
  CONSOLE_DIR: join(scratch, 'no-console'),
  LOG_LEVEL: 'warn',
});
const api = await createApiApp(config);
await api.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${api.getHttpServer().address().port}/graphql`;
const worker = await createWorkerApp(config);

let token;
async function gql(query, variables = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
token = (await gql('mutation { login(login: "operator@nprod.local", password: "bench-password") { accessToken } }')).login.accessToken;
const agency = (await gql('{ allTenants { id } }')).allTenants[0];
const { createTenant } = await gql(
  `mutation($parentId: ID) { createTenant(name: "Bench", slug: "bench", kind: MUNICIPALITY, parentId: $parentId, region: "almaty", cpuMillicores: 10000000, memoryMiB: 10000000, storageGiB: 1000000, maxSpaces: 100000) { id } }`,
  { parentId: agency.id },
);

async function orderSpace(slug) {
  const started = performance.now();
  const { createSpace } = await gql(`mutation($t: ID!, $s: String!) { createSpace(tenantId: $t, name: $s, slug: $s, cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20) { id } }`, { t: createTenant.id, s: slug });
  for (;;) {
    const { Space } = await gql(`query($id: ID!) { Space(id: $id) { status statusReason } }`, { id: createSpace.id });
    if (Space.status === 'ACTIVE') return performance.now() - started;
    if (Space.status === 'FAILED') throw new Error(Space.statusReason);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const percentile = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const latencies = [];
for (let i = 0; i < sequential; i += 1) latencies.push(await orderSpace(`seq-${i}`));
const burstStarted = performance.now();
const burstLatencies = await Promise.all(Array.from({ length: burst }, (_, i) => orderSpace(`burst-${i}`)));
const burstSeconds = (performance.now() - burstStarted) / 1000;

await worker.stop();
await api.close();
await postgres.stop();
rmSync(scratch, { recursive: true, force: true });

const round = (ms) => Math.round(ms);
const result = {
  benchmark: 'createSpace -> ACTIVE against the Kubernetes emulator',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  queueBackend: 'postgres',
  sequential: { orders: sequential, p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), maxMs: round(Math.max(...latencies)) },
  burst: { orders: burst, seconds: Number(burstSeconds.toFixed(2)), ordersPerMinute: Math.round((burst / burstSeconds) * 60), p50Ms: round(percentile(burstLatencies, 50)), p95Ms: round(percentile(burstLatencies, 95)) },
};
writeFileSync('bench/results/space-to-active.json', `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  'bench/results/space-to-active.md',
  `# createSpace -> ACTIVE (emulator)\n\n${result.date}, ${result.machine.cpus} CPUs, Node ${result.machine.node}, BullMQ on PostgreSQL.\n\n` +
    `| run | orders | p50 | p95 | max / throughput |\n|---|---|---|---|---|\n` +
    `| one at a time | ${sequential} | ${result.sequential.p50Ms} ms | ${result.sequential.p95Ms} ms | ${result.sequential.maxMs} ms |\n` +
    `| burst of ${burst} at once | ${burst} | ${result.burst.p50Ms} ms | ${result.burst.p95Ms} ms | ${result.burst.ordersPerMinute} orders/min |\n`,
);
console.log(JSON.stringify(result));
process.exit(0);
