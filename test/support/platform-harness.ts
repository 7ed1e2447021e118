import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createDataSource } from '@nprod/database';
import { freePort, KubeEmulator, type KubeEmulatorOptions } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { createWorkerApp, type WorkerApp } from '../../apps/worker/src/worker-app.factory';
import { startApi, testConfig, type ApiHarness } from './api-harness';
import { createTenancy, type Tenancy } from './tenancy-fixture';
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

export interface EmulatedPlatform {
  /** Owned by the suite, so it can hold controllers, inject faults and read its request log. */
  emulator: KubeEmulator;
  platform: Platform;
  /** A connection of the test's own to the platform's database. */
  db: DataSource;
  /** The tenants, people and signed-in clients of createTenancy. */
  t: Tenancy;
  kubeconfigPath: string;
  /** Loaded from kubeconfigPath, for the suite's own Kubernetes clients. */
  kubeConfig: KubeConfig;
  stop(): Promise<void>;
}

/**
 * A Kubernetes API emulator of the suite's own, the platform's worker pointed at it through a
 * kubeconfig in a temporary directory (regions `almaty` unless `env` says otherwise), a database
 * connection and a tenancy. `env` is the platform's environment (intervals, timeouts).
 */
export async function startEmulatedPlatform(env: Record<string, string> = {}, emulatorOptions: KubeEmulatorOptions = { readinessDelayMs: 20 }): Promise<EmulatedPlatform> {
  const emulator = await KubeEmulator.start(emulatorOptions);
  const kubeDir = await mkdtemp(join(tmpdir(), 'nprod-kube-'));
  let platform: Platform | undefined;
  let db: DataSource | undefined;
  const stop = async () => {
    await db?.destroy();
    await platform?.stop();
    await emulator.stop();
    await rm(kubeDir, { recursive: true, force: true });
  };
  try {
    const kubeconfigPath = join(kubeDir, 'kubeconfig');
    emulator.writeKubeconfig(kubeconfigPath);
    platform = await startPlatform({ KUBECONFIG: kubeconfigPath, KUBE_CLUSTER_REGIONS: 'almaty', ...env });
    db = await createDataSource({ url: platform.database.url, poolSize: 2 }).initialize();
    const started = platform;
    const t = await createTenancy(db, () => started.api.client());
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath);
    return { emulator, platform, db, t, kubeconfigPath, kubeConfig, stop };
  } catch (error) {
    await stop();
    throw error;
  }
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
