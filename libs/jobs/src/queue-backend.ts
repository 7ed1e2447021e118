import { Queue, Worker, createPostgresBackend, withBackend, type Processor, type QueueOptions, type WorkerOptions } from 'bullmq';
import type { QueueConfig } from '@nprod/config';

/** Constructors bound to the configured backend; the rest of the code never knows which one it is. */
export interface QueueBackend {
  kind: QueueConfig['backend'];
  createQueue(name: string): Queue;
  createWorker(name: string, processor: Processor, options?: Omit<WorkerOptions, 'connection'>): Worker;
}

/** BullMQ keeps its PostgreSQL tables in their own schema, away from the application's. */
const BULLMQ_SCHEMA = 'bullmq';

export function createQueueBackend(config: QueueConfig): QueueBackend {
  if (config.backend === 'postgres') {
    const classes = withBackend(createPostgresBackend);
    const connection = { connectionString: config.databaseUrl, schema: BULLMQ_SCHEMA, migrate: true, max: 5 };
    return {
      kind: 'postgres',
      createQueue: (name) => new classes.Queue(name, { connection }) as unknown as Queue,
      createWorker: (name, processor, options) => new classes.Worker(name, processor, { ...options, connection }) as unknown as Worker,
    };
  }
  const connection = redisConnection(config.redisUrl);
  return {
    kind: 'redis',
    // Producers fail fast while Redis is away (the outbox keeps the job); workers wait for it.
    createQueue: (name) => new Queue(name, { connection: { ...connection, enableOfflineQueue: false } } as QueueOptions),
    createWorker: (name, processor, options) => new Worker(name, processor, { ...options, connection } as WorkerOptions),
  };
}

function redisConnection(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password || undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; retrying forever lets them ride out a Redis restart.
    maxRetriesPerRequest: null,
  };
}
