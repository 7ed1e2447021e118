import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseConfig, type AppConfig } from '@nprod/config';
import { createDataSource } from '@nprod/database';
import { createApiApp } from '../../apps/api/src/api-app.factory';
import { seedDemoData } from '../../apps/api/src/seed/demo-seed';
import { GraphqlClient } from './graphql-client';

export const TEST_PASSWORD = 'correct horse battery staple';

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret!',
    DATA_ENCRYPTION_KEY: 'test-data-key-test-data-key-test-data-key!',
    // Suites sign in many times from 127.0.0.1; the throttle has its own test with a small bucket.
    LOGIN_BURST: '1000',
    PORT: '0',
    LOG_LEVEL: 'warn',
    CONSOLE_DIR: resolve('dist/console'),
    ...overrides,
  });
}

export interface ApiHarness {
  app: NestFastifyApplication;
  url: string;
  client(): GraphqlClient;
  stop(): Promise<void>;
}

/** Starts the real API on a free port against `databaseUrl`, with the demo data seeded. */
export async function startApi(config: AppConfig): Promise<ApiHarness> {
  const seedSource = await createDataSource({ url: config.databaseUrl, poolSize: 1 }).initialize();
  await seedDemoData(seedSource, TEST_PASSWORD);
  await seedSource.destroy();
  const app = await createApiApp(config);
  await app.listen({ port: config.http.port, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { app, url, client: () => new GraphqlClient(url), stop: () => app.close() };
}
