import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nprod/config';
import { createApiApp } from './api-app.factory';

async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
