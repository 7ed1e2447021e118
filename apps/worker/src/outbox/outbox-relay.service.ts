import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { JobProducer, OUTBOX_CHANNEL, type JobItem } from '@nprod/jobs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Rows moved per round; a burst drains in a few rounds without one huge transaction. */
const BATCH_SIZE = 100;
/** Safety net when a notification is missed (relay restarted, connection dropped). */
const POLL_INTERVAL_MS = 1_000;

/**
 * Moves outbox rows into BullMQ. Each round locks a batch with SKIP LOCKED (so several
 * worker replicas share the work), enqueues it with jobId = order id and marks it relayed
 * in the same transaction: if the queue is down, the rows stay and are retried later.
 */
@Injectable()
export class OutboxRelayService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private pending = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JobProducer) private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), POLL_INTERVAL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs a relay round now, or right after the current one, never two at once. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.warn({ msg: 'outbox relay round failed; will retry', error: String(error) }))
      .finally(() => {
        this.running = undefined;
        if (this.pending) {
          this.pending = false;
          this.wake();
        }
      });
  }

  /** Relays until the outbox is empty; returns the number of rows moved. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relayBatch();
      total += moved;
      if (moved < BATCH_SIZE || this.stopped) return total;
    }
  }

  private relayBatch(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows = await manager.query<Array<{ id: string; job_name: JobItem['name']; job_id: string; payload: JobItem['data'] }>>(
        `SELECT id, job_name, job_id, payload FROM outbox_messages
         WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      for (const row of rows) {
        await this.jobs.add({ name: row.job_name, data: row.payload } as JobItem, row.job_id);
      }
      if (rows.length > 0) {
        await manager.query(`UPDATE outbox_messages SET relayed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      }
      return rows.length;
    });
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.config.databaseUrl });
    listener.on('error', (error) => this.logger.warn({ msg: 'outbox listener lost its connection; polling continues', error: String(error) }));
    listener.on('notification', () => this.wake());
    await listener.connect();
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = listener;
  }
}
