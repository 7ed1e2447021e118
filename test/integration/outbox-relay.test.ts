import { OutboxMessageEntity, createDataSource } from '@nprod/database';
import { startRedisServer, type RedisHandle } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';

let redis: RedisHandle & { port: number };
let platform: Platform;
let db: DataSource;

beforeAll(async () => {
  redis = await startRedisServer();
  platform = await startPlatform({ QUEUE_BACKEND: 'redis', REDIS_URL: redis.url });
  db = await createDataSource({ url: platform.database.url, poolSize: 1 }).initialize();
});

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
  await redis?.stop();
});

describe('outbox relay', () => {
  it('keeps a space ordered while the queue is down and provisions it once the queue is back', async () => {
    const operator = platform.api.client();
    await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
    const agency = (await operator.data(`query($q: String) { allTenants(filter: { q: $q }) { id } }`, { q: DEMO_AGENCY_SLUG })).allTenants[0];

    await redis.stop();
    const { createSpace } = await operator.data(
      `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Offline", slug: "offline", cpuMillicores: 500, memoryMiB: 512, storageGiB: 1) { id status } }`,
      { tenantId: agency.id },
    );
    expect(createSpace.status).toBe('PROVISIONING');
    // Several relay rounds fail while Redis is away; the row must still be waiting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const waiting = await db.getRepository(OutboxMessageEntity).findOneByOrFail({ jobId: (await db.query(`SELECT id FROM orders WHERE space_id = $1`, [createSpace.id]))[0].id });
    expect(waiting.relayedAt).toBeNull();

    redis = await startRedisServer({ port: redis.port });
    const space = await eventually(async () => {
      const current = (await operator.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: createSpace.id })).Space;
      return current.status === 'ACTIVE' ? current : undefined;
    }, 'the space to become ACTIVE after the queue came back', 60_000, 100);
    expect(space.status).toBe('ACTIVE');
    const events = await db.query(`SELECT e.to_status FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.space_id = $1 ORDER BY e.id`, [createSpace.id]);
    expect(events.map((event: { to_status: string }) => event.to_status)).toEqual(['SUBMITTED', 'APPROVED', 'PROVISIONING', 'COMPLETED']);
  });
});
