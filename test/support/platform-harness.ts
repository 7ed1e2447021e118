import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@nprod/testing';
import { createWorkerApp, type WorkerApp } from '../../apps/worker/src/worker-app.factory';
import { startApi, testConfig, type ApiHarness } from './api-harness';
import { startTestDatabase, type TestDatabase } from './test-database';

export interface Platform {
  database: TestDatabase;
  api: ApiHarness;
  worker: WorkerApp;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Database, API and worker in this process, each as in production. The worker uses the
 * given environment for Kubernetes (KUBECONFIG, or the built-in emulator when unset).
 */
export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'nprod-platform-'));
  const database = await startTestDatabase();
  const config = testConfig(database.url, { NPROD_DATA_DIR: dataDir, WORKER_HEALTH_PORT: String(await freePort()), ...env });
  const api = await startApi(config);
  const worker = await createWorkerApp(config);
  return {
    database,
    api,
    worker,
    dataDir,
    stop: async () => {
      await worker.stop();
      await api.stop();
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value, or fails with what it last saw. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
