import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { CLUSTER_CREDENTIALS_PURPOSE, ClusterEntity, SEALED_CREDENTIALS_REF, SecretBox } from '@nprod/database';
import { ClusterHealth, ClusterHealthReasonCode } from '@nprod/domain';
import { KubeApplier, createKubeClient, type KubeClient } from '@nprod/kube';
import { KubeEmulator } from '@nprod/testing';
import { DataSource } from 'typeorm';

/** A cluster the worker can provision into right now. */
export interface ConnectedCluster {
  id: string;
  name: string;
  regions: string[];
  applier: KubeApplier;
  client: KubeClient;
}

/** Name under which the built-in emulator is registered. */
export const SANDBOX_CLUSTER_NAME = 'sandbox';

/** Why the sandbox was cordoned by a worker started on a real cluster (undone when a worker runs on the sandbox again). */
const REPLACED_BY_REAL_CLUSTER = 'A worker now runs on a real cluster; the built-in emulator takes no new spaces.';

interface Held {
  /** Sealed credentials and rate limit the client was made from: a change makes a new client. */
  fingerprint: string;
  cluster: ConnectedCluster;
}

/**
 * Holds a client per cluster the worker can reach: the one it was started with (KUBECONFIG,
 * in-cluster, or the built-in emulator, registered in the database at start so the API can
 * show it) and every cluster an operator registered, whose sealed kubeconfig it opens with
 * DATA_ENCRYPTION_KEY. Each client has its own token bucket (the cluster's qps, else
 * KUBE_QPS) and keep-alive connections. `refresh()` re-reads the table (ClusterMonitorService
 * calls it every few seconds and when the API says a cluster changed).
 */
@Injectable()
export class ClusterRegistryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClusterRegistryService.name);
  private readonly box: SecretBox | null;
  private emulator?: KubeEmulator;
  private bootstrap?: { id: string; client: KubeClient };
  private readonly held = new Map<string, Held>();
  /** Clusters whose credentials cannot be opened, so the error is logged once, not every refresh. */
  private readonly unusable = new Map<string, string>();
  private refreshing?: Promise<ConnectedCluster[]>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = config.auth.dataEncryptionKey ? new SecretBox(config.auth.dataEncryptionKey, CLUSTER_CREDENTIALS_PURPOSE) : null;
  }

  async onModuleInit(): Promise<void> {
    await this.connectBootstrap();
    await this.refresh();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { cluster } of this.held.values()) cluster.client.close();
    this.held.clear();
    this.bootstrap?.client.close();
    await this.emulator?.stop();
  }

  /** The connected cluster with this id (where a space was placed), or undefined when this worker does not hold it. */
  byId(id: string): ConnectedCluster | undefined {
    return this.held.get(id)?.cluster;
  }

  /** Every cluster this worker holds a client for. */
  all(): ConnectedCluster[] {
    return [...this.held.values()].map((held) => held.cluster);
  }

  /** True when the API server of the cluster the worker was started with answers. */
  async isReachable(): Promise<boolean> {
    return (await this.bootstrap?.client.ping()) ?? false;
  }

  /** Where kubectl can reach the emulator, when it is in use. */
  get emulatorUrl(): string | undefined {
    return this.emulator?.url;
  }

  /**
   * Re-reads the clusters table: new and changed clusters get a fresh client, removed ones
   * are closed. Returns the clusters (re)connected by this call, to be probed at once.
   * Concurrent calls share one run.
   */
  refresh(): Promise<ConnectedCluster[]> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async load(): Promise<ConnectedCluster[]> {
    const rows = await this.db.getRepository(ClusterEntity).find();
    const connected: ConnectedCluster[] = [];
    for (const row of rows) {
      const fingerprint = row.id === this.bootstrap?.id ? 'bootstrap' : `${row.credentialsSealed}|${row.qps ?? ''}`;
      const current = this.held.get(row.id);
      if (current && current.fingerprint === fingerprint) {
        current.cluster.name = row.name;
        current.cluster.regions = row.regions;
        continue;
      }
      const client = this.clientFor(row);
      if (!client) continue;
      current?.cluster.client.close();
      const cluster: ConnectedCluster = { id: row.id, name: row.name, regions: row.regions, client, applier: new KubeApplier(client) };
      this.held.set(row.id, { fingerprint, cluster });
      connected.push(cluster);
    }
    const present = new Set(rows.map((row) => row.id));
    for (const [id, { cluster }] of this.held) {
      if (present.has(id)) continue;
      if (id !== this.bootstrap?.id) cluster.client.close();
      this.held.delete(id);
    }
    return connected;
  }

  /** The cluster's client, or undefined (logged once) when this worker cannot hold it. */
  private clientFor(row: ClusterEntity): KubeClient | undefined {
    if (row.id === this.bootstrap?.id) return this.bootstrap.client;
    // Another worker's start-up cluster (its kubeconfig file or service account): not ours to reach.
    if (row.credentialsRef !== SEALED_CREDENTIALS_REF || !row.credentialsSealed) return undefined;
    try {
      if (!this.box) throw new Error('DATA_ENCRYPTION_KEY is not set on the worker; set the same key as on the API');
      const yaml = this.box.open(row.credentialsSealed, row.id).toString('utf8');
      this.unusable.delete(row.id);
      // An operator's qps comes with a burst of two seconds' worth, as client-go pairs them; else the worker defaults.
      return createKubeClient({ kind: 'kubeconfig-yaml', yaml }, row.qps ? { qps: row.qps, burst: 2 * row.qps } : { qps: this.config.kubernetes.qps });
    } catch (error) {
      const reason = error instanceof Error && error.message.includes('authenticate') ? 'DATA_ENCRYPTION_KEY on the worker differs from the one the API sealed the credentials with' : String((error as Error).message ?? error);
      if (this.unusable.get(row.id) !== reason) this.logger.error({ msg: 'cannot use a registered cluster', cluster: row.name, reason });
      this.unusable.set(row.id, reason);
      return undefined;
    }
  }

  /** Clusters this worker cannot open credentials for, with why (the monitor marks them unreachable). */
  unusableClusters(): ReadonlyMap<string, string> {
    return this.unusable;
  }

  private async connectBootstrap(): Promise<void> {
    const { source, clusterRegions, qps } = this.config.kubernetes;
    let client: KubeClient;
    let name: string;
    let credentialsRef: string;
    if (source.kind === 'emulator') {
      const dataDir = resolve(this.config.dataDir);
      mkdirSync(dataDir, { recursive: true });
      this.emulator = await KubeEmulator.start({ port: source.port, persistFile: resolve(dataDir, 'kube-emulator.json') });
      const kubeconfigPath = resolve(dataDir, 'kubeconfig');
      this.emulator.writeKubeconfig(kubeconfigPath);
      client = createKubeClient({ kind: 'kubeconfig', path: kubeconfigPath }, { qps });
      name = SANDBOX_CLUSTER_NAME;
      credentialsRef = `emulator:${kubeconfigPath}`;
      this.logger.log({ msg: 'no cluster configured: using the built-in Kubernetes emulator', url: this.emulator.url, kubeconfig: kubeconfigPath });
    } else {
      client = createKubeClient(source, { qps });
      name = client.contextName;
      credentialsRef = source.kind === 'kubeconfig' ? `kubeconfig:${source.path}` : 'in-cluster';
    }
    const health = (await client.ping()) ? ClusterHealth.Healthy : ClusterHealth.Unreachable;
    const id = await this.registerBootstrap(name, client.serverUrl, credentialsRef, clusterRegions, source.kind === 'emulator', health);
    if (id) this.bootstrap = { id, client };
    else client.close();
  }

  /**
   * Registers the start-up cluster by name. Capacity, rate limit and cordon are the operators'
   * (set in the console) and survive restarts; regions follow KUBE_CLUSTER_REGIONS.
   */
  private async registerBootstrap(name: string, apiUrl: string, credentialsRef: string, regions: string[], sandbox: boolean, health: ClusterHealth): Promise<string | undefined> {
    const clusters = this.db.getRepository(ClusterEntity);
    // A worker now on a real cluster takes no new spaces on the old sandbox; the sandbox banner
    // stays only while spaces still live there (platformInfo), so nobody mistakes them for real ones.
    if (!sandbox) await clusters.update({ sandbox: true, cordoned: false }, { cordoned: true, cordonReason: REPLACED_BY_REAL_CLUSTER });
    const existing = await clusters.findOneBy({ name });
    if (existing?.credentialsRef === SEALED_CREDENTIALS_REF) {
      this.logger.warn({ msg: 'a registered cluster has the name of the start-up cluster; the registered one is used', cluster: name });
      return undefined;
    }
    const connection = { apiUrl, credentialsRef, regions, sandbox, health, healthReason: health === ClusterHealth.Healthy ? null : 'The API server did not answer when the worker started.',
      // The monitor's first probe, right after, says why.
      healthReasonCode: health === ClusterHealth.Healthy ? null : ClusterHealthReasonCode.Other,
      ...(health === ClusterHealth.Healthy ? { lastSeenAt: new Date() } : {}) };
    if (!existing) {
      await clusters.insert({ name, ...connection, cordoned: false });
      return (await clusters.findOneByOrFail({ name })).id;
    }
    const resumedSandbox = sandbox && existing.cordoned && (existing.cordonReason === REPLACED_BY_REAL_CLUSTER || existing.cordonReason === null);
    await clusters.update({ id: existing.id }, { ...connection, ...(resumedSandbox ? { cordoned: false, cordonReason: null } : {}) });
    return existing.id;
  }
}
