import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueConfig } from '@nprod/config';
import { JobProducer, QueueName, createQueueBackend, type JobOf } from '@nprod/jobs';
import { startEmbeddedPostgres, startRedisServer, type EmbeddedPostgresHandle, type RedisHandle } from '@nprod/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let postgres: EmbeddedPostgresHandle;
let redis: RedisHandle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nprod-queue-'));
  [postgres, redis] = await Promise.all([startEmbeddedPostgres({ dataDir: join(dir, 'pg') }), startRedisServer()]);
});

afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const backends: Array<[string, () => QueueConfig]> = [
  ['postgres', () => ({ backend: 'postgres', databaseUrl: postgres.url })],
  ['redis', () => ({ backend: 'redis', redisUrl: redis.url })],
];

describe.each(backends)('BullMQ on the %s backend', (_name, config) => {
  it('delivers a typed job once per job id, even when added twice', async () => {
    const backend = createQueueBackend(config());
    const producer = new JobProducer(backend);
    const seen: Array<JobOf<'space.provision'>> = [];
    const settled = new Promise<void>((resolve) => {
      const worker = backend.createWorker(QueueName.Provision, async (job) => {
        seen.push(job.data as JobOf<'space.provision'>);
      });
      worker.on('completed', () => setTimeout(() => void worker.close().then(resolve), 300));
    });
    await producer.add({ name: 'space.provision', data: { orderId: 'order-1' } }, 'order-1');
    await producer.add({ name: 'space.provision', data: { orderId: 'order-1' } }, 'order-1');
    await settled;
    expect(seen).toEqual([{ orderId: 'order-1' }]);
    expect(await producer.isReachable(QueueName.Provision)).toBe(true);
    await producer.close();
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const backend = createQueueBackend(config());
    const producer = new JobProducer(backend);
    let attempts = 0;
    const done = new Promise<void>((resolve) => {
      const worker = backend.createWorker(QueueName.Provision, async () => {
        attempts += 1;
        if (attempts < 2) throw new Error('transient');
      }, { settings: { backoffStrategy: () => 10 } });
      worker.on('completed', () => void worker.close().then(resolve));
    });
    await producer.queue(QueueName.Provision).add('space.provision', { orderId: 'order-2' }, { jobId: 'order-2', attempts: 3, backoff: { type: 'custom' } });
    await done;
    expect(attempts).toBe(2);
    await producer.close();
  });
});
