import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { ClusterEntity } from '@nprod/database';
import { ClusterHealth } from '@nprod/domain';
import { KubeApplier, createKubeClient, type KubeClient } from '@nprod/kube';
import { KubeEmulator } from '@nprod/testing';
import { DataSource } from 'typeorm';

/** A cluster the worker can provision into right now. */
export interface ConnectedCluster {
  id: string;
  name: string;
  regions: string[];
  applier: KubeApplier;
}

/** Name under which the built-in emulator is registered. */
export const SANDBOX_CLUSTER_NAME = 'sandbox';

/**
 * Connects to the configured cluster at start and registers it in the database, so the
 * API can show it (and the sandbox banner) without ever talking to Kubernetes itself.
 * With neither a kubeconfig nor in-cluster credentials it starts the built-in emulator,
 * keeps its objects in the data directory and writes a kubeconfig next to them for kubectl.
 */
@Injectable()
export class ClusterRegistryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClusterRegistryService.name);
  private emulator?: KubeEmulator;
  private client?: KubeClient;
  private connected?: ConnectedCluster;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const { source, clusterRegions, qps } = this.config.kubernetes;
    let name: string;
    let credentialsRef: string;
    if (source.kind === 'emulator') {
      const dataDir = resolve(this.config.dataDir);
      mkdirSync(dataDir, { recursive: true });
      this.emulator = await KubeEmulator.start({ port: source.port, persistFile: resolve(dataDir, 'kube-emulator.json') });
      const kubeconfigPath = resolve(dataDir, 'kubeconfig');
      this.emulator.writeKubeconfig(kubeconfigPath);
      this.client = createKubeClient({ kind: 'kubeconfig', path: kubeconfigPath }, { qps });
      name = SANDBOX_CLUSTER_NAME;
      credentialsRef = `emulator:${kubeconfigPath}`;
      this.logger.log({ msg: 'no cluster configured: using the built-in Kubernetes emulator', url: this.emulator.url, kubeconfig: kubeconfigPath });
    } else {
      this.client = createKubeClient(source, { qps });
      name = this.client.contextName;
      credentialsRef = source.kind === 'kubeconfig' ? `kubeconfig:${source.path}` : 'in-cluster';
    }
    const entity = await this.register(name, this.client.serverUrl, credentialsRef, clusterRegions, source.kind === 'emulator');
    this.connected = { id: entity.id, name, regions: entity.regions, applier: new KubeApplier(this.client) };
  }

  async onApplicationShutdown(): Promise<void> {
    this.client?.close();
    await this.emulator?.stop();
  }

  /** A cluster serving `region` that is not cordoned, or undefined when none has room. */
  place(region: string): ConnectedCluster | undefined {
    return this.connected?.regions.includes(region) ? this.connected : undefined;
  }

  /** The connected cluster with this id (where a space was placed), or undefined when this worker does not hold it. */
  byId(id: string): ConnectedCluster | undefined {
    return this.connected?.id === id ? this.connected : undefined;
  }

  /** True when the cluster's API server answers. */
  async isReachable(): Promise<boolean> {
    return (await this.client?.ping()) ?? false;
  }

  /** Where kubectl can reach the emulator, when it is in use. */
  get emulatorUrl(): string | undefined {
    return this.emulator?.url;
  }

  private async register(name: string, apiUrl: string, credentialsRef: string, regions: string[], sandbox: boolean): Promise<ClusterEntity> {
    const clusters = this.db.getRepository(ClusterEntity);
    // Only one sandbox at a time: a worker now on a real cluster must not keep the banner up.
    if (!sandbox) await clusters.update({ sandbox: true }, { cordoned: true });
    await clusters.upsert({ name, apiUrl, credentialsRef, regions, sandbox, cordoned: false, health: ClusterHealth.Healthy, lastSeenAt: new Date() }, ['name']);
    return clusters.findOneByOrFail({ name });
  }
}
