import { createDataSource } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { startApi, testConfig, type ApiHarness } from './api-harness';
import { startTestDatabase, type TestDatabase } from './test-database';

export interface ApiStack {
  database: TestDatabase;
  api: ApiHarness;
  /** A separate connection for arranging and checking rows directly. */
  db: DataSource;
}

/** A fresh migrated database, the API on it (demo data seeded) and a data source for assertions. */
export async function startApiStack(overrides: Record<string, string> = {}, poolSize = 2): Promise<ApiStack> {
  const database = await startTestDatabase();
  const api = await startApi(testConfig(database.url, overrides));
  const db = await createDataSource({ url: database.url, poolSize }).initialize();
  return { database, api, db };
}

/** Stops what startApiStack started, in reverse order; safe when start failed halfway. */
export async function stopApiStack(stack: Partial<ApiStack>): Promise<void> {
  await stack.db?.destroy();
  await stack.api?.stop();
  await stack.database?.stop();
}
