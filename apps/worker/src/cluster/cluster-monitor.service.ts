import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClusterEntity } from '@nprod/database';
import { ClusterHealth, ClusterHealthReasonCode } from '@nprod/domain';
import { describeProbeFailure, summariseMessage, type ProbeFailure } from '@nprod/kube';
import { DataSource } from 'typeorm';
import { ClusterPlacementService } from './cluster-placement.service';
import { ClusterRegistryService, type ConnectedCluster } from './cluster-registry.service';

/** How often the worker re-reads the clusters table (another replica may have taken the API's cluster.changed job). */
const REFRESH_INTERVAL_MS = 5_000;
/** How often every held cluster is probed. */
const PROBE_INTERVAL_MS = 15_000;
/** How often waiting space orders are retried even if no change was announced (an old namespace finished terminating, say; freed room is announced). */
const RETRY_INTERVAL_MS = 30_000;
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Keeps the registry current and each cluster's health in the database (health,
 * healthReason with its healthReasonCode, lastSeenAt), and retries waiting space orders when room may have appeared:
 * a cluster registered, changed or uncordoned (the API's cluster.changed job), a cluster
 * healthy again, and every RETRY_INTERVAL_MS. (The space provisioner retries them itself when
 * a space is deleted, shrinks or fails.)
 */
@Injectable()
export class ClusterMonitorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClusterMonitorService.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ClusterRegistryService) private readonly registry: ClusterRegistryService,
    @Inject(ClusterPlacementService) private readonly placement: ClusterPlacementService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.probeAll();
    this.every(REFRESH_INTERVAL_MS, () => this.refresh());
    this.every(PROBE_INTERVAL_MS, () => this.probeAll());
    this.every(RETRY_INTERVAL_MS, () => this.placement.retryWaiting());
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /** The cluster.changed job: reload, probe what is new, and give waiting orders another go. */
  async clusterChanged(clusterId: string): Promise<void> {
    const probed = await this.refresh();
    const cluster = this.registry.byId(clusterId);
    // An uncordoned or resized cluster keeps its client: probe it anyway, its health may be stale.
    if (cluster && !probed.includes(cluster)) await this.probe(cluster);
    await this.placement.retryWaiting();
  }

  /** Reloads the registry and probes the clusters it (re)connected; returns those. */
  private async refresh(): Promise<ConnectedCluster[]> {
    const connected = await this.registry.refresh();
    await this.markUnusable();
    await Promise.all(connected.map((cluster) => this.probe(cluster)));
    return connected;
  }

  private async probeAll(): Promise<void> {
    await this.markUnusable();
    await Promise.all(this.registry.all().map((cluster) => this.probe(cluster)));
  }

  /** Asks the API server for /version; writes what it saw. A cluster that recovers lets waiting orders try again. */
  private async probe(cluster: ConnectedCluster): Promise<void> {
    const failure = await this.ask(cluster);
    const clusters = this.db.getRepository(ClusterEntity);
    const before = await clusters.findOne({ where: { id: cluster.id }, select: { id: true, health: true } });
    if (!before) return;
    if (failure) {
      await clusters.update({ id: cluster.id }, { health: ClusterHealth.Unreachable, healthReason: failure.reason, healthReasonCode: failure.code });
      if (before.health !== ClusterHealth.Unreachable) this.logger.warn({ msg: 'cluster unreachable', cluster: cluster.name, reason: failure.reason });
      return;
    }
    await clusters.update({ id: cluster.id }, { health: ClusterHealth.Healthy, healthReason: null, healthReasonCode: null, lastSeenAt: new Date() });
    if (before.health !== ClusterHealth.Healthy) {
      this.logger.log({ msg: 'cluster healthy', cluster: cluster.name });
      await this.placement.retryWaiting();
    }
  }

  /** Null when the API server answered, else why not. */
  private async ask(cluster: ConnectedCluster): Promise<ProbeFailure | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ProbeFailure>((resolve) => {
      timer = setTimeout(
        () => resolve({ code: ClusterHealthReasonCode.Timeout, reason: `The API server did not answer within ${PROBE_TIMEOUT_MS / 1000} s.` }),
        PROBE_TIMEOUT_MS,
      ).unref();
    });
    try {
      return await Promise.race([cluster.client.version.getCode().then(() => null), timeout]);
    } catch (error) {
      return describeProbeFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Registered clusters whose credentials this worker cannot open are unreachable for it, with why. */
  private async markUnusable(): Promise<void> {
    for (const [id, reason] of this.registry.unusableClusters()) {
      await this.db.getRepository(ClusterEntity).update({ id }, {
        health: ClusterHealth.Unreachable,
        healthReason: `The worker cannot open the credentials: ${summariseMessage(reason)}.`,
        healthReasonCode: ClusterHealthReasonCode.CredentialsUnusable,
      });
    }
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch((error: unknown) => this.logger.warn({ msg: 'cluster monitor task failed', error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
