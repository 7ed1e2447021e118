import { createDataSource } from '@nprod/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;

beforeAll(async () => {
  database = await startTestDatabase();
});

afterAll(async () => {
  await database?.stop();
});

describe('migrations', () => {
  it('produce exactly the schema the entities describe (no change left for synchronize)', async () => {
    const dataSource = await createDataSource({ url: database.url, poolSize: 1 }).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('refuse negative usage at the database level too', async () => {
    const dataSource = await createDataSource({ url: database.url, poolSize: 1 }).initialize();
    try {
      const [tenant] = await dataSource.query(`INSERT INTO tenants (name, slug, kind, region) VALUES ('T', 'check-tenant', 'BUSINESS', 'almaty') RETURNING id`);
      await expect(
        dataSource.query(`INSERT INTO allocations (tenant_id, region, cpu_millicores, memory_mib, storage_gib, max_spaces, used_cpu_millicores) VALUES ($1, 'almaty', 1, 1, 1, 1, -1)`, [tenant.id]),
      ).rejects.toThrow(/ck_allocations_used_not_negative/);
    } finally {
      await dataSource.destroy();
    }
  });
});
