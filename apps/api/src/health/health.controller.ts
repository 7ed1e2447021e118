import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobProducer, QueueName } from '@nprod/jobs';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { DataSource } from 'typeorm';

/** Probes answer without a token: load balancers and kubelets have none. */
@Public()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JobProducer) private readonly jobs: JobProducer,
  ) {}

  /** The process is up. */
  @Get('healthz')
  healthz() {
    return { status: 'ok' };
  }

  /** The database and the queue answer; 503 otherwise, so load balancers route elsewhere. */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, queue] = await Promise.all([
      this.db.query('SELECT 1').then(() => true, () => false),
      this.jobs.isReachable(QueueName.Provision),
    ]);
    const ready = database && queue;
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks: { database: database ? 'up' : 'down', queue: queue ? 'up' : 'down' } };
  }
}
