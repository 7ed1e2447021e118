import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '@nprod/database';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@nprod/testing';

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL in a temporary directory; removed on stop. */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'nprod-db-'));
  let postgres: EmbeddedPostgresHandle | undefined;
  try {
    postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
    await migrateDatabase(postgres.url);
  } catch (error) {
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const handle = postgres;
  return {
    url: handle.url,
    stop: async () => {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
