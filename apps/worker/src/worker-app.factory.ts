import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { JsonLogger, type AppConfig } from '@nprod/config';
import { JobProducer, QueueName } from '@nprod/jobs';
import type { DataSource } from 'typeorm';
import { ClusterRegistryService } from './cluster/cluster-registry.service';
import { startWorkerHealthServer } from './health/worker-health.server';
import { JobRunnerService } from './jobs/job-runner.service';
import { WorkerModule } from './worker.module';

export interface WorkerApp {
  context: INestApplicationContext;
  health: Server;
  /** Where the built-in emulator listens, when no real cluster is configured. */
  emulatorUrl?: string;
  stop(): Promise<void>;
}

/** The worker: a Nest application context (no HTTP API) plus a small health server. */
export async function createWorkerApp(config: AppConfig): Promise<WorkerApp> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new JsonLogger(config.logLevel, 'worker') });
  context.enableShutdownHooks();
  await context.init();
  const db = context.get<DataSource>(getDataSourceToken());
  const jobs = context.get(JobProducer);
  const runner = context.get(JobRunnerService);
  const clusters = context.get(ClusterRegistryService);
  const health = await startWorkerHealthServer(config.http.host, config.worker.healthPort, [
    { name: 'database', check: () => db.query('SELECT 1').then(() => true) },
    { name: 'queue', check: () => jobs.isReachable(QueueName.Provision) },
    { name: 'jobs', check: async () => runner.isRunning() },
    { name: 'cluster', check: () => clusters.isReachable() },
  ]);
  return {
    context,
    health,
    emulatorUrl: clusters.emulatorUrl,
    stop: async () => {
      await new Promise<void>((resolve) => health.close(() => resolve()));
      await context.close();
      await jobs.close();
    },
  };
}
