import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { ORDER_UPDATED_CHANNEL, parseOrderUpdatedNotice } from '@nprod/database';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';

/** The Mercurius pubsub topic each API process republishes order notices on. */
export const ORDER_UPDATED_TOPIC = 'ORDER_UPDATED';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;

/**
 * One LISTEN connection per API process: PostgreSQL fans each committed order change out to
 * every replica, and each replica hands it to its own subscribers through Mercurius' in-process
 * pubsub. Notices sent while the connection is down are lost; the console polls as a fallback.
 */
@Injectable()
export class OrderUpdatesListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderUpdatesListener.name);
  private client: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'nprod-api-order-updates' });
    client.on('notification', (message) => {
      if (message.channel !== ORDER_UPDATED_CHANNEL) return;
      const notice = parseOrderUpdatedNotice(message.payload);
      if (notice) void this.pubsub().publish({ topic: ORDER_UPDATED_TOPIC, payload: notice });
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${ORDER_UPDATED_CHANNEL}`);
      this.client = client;
      this.failures = 0;
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.failures++);
    this.logger.warn({ msg: `order updates: LISTEN connection lost, retrying in ${delay} ms; subscribers see changes when it is back, the console polls meanwhile`, error: String(error) });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private pubsub() {
    return this.adapterHost.httpAdapter.getInstance<FastifyInstance>().graphql.pubsub;
  }
}
