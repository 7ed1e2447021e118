import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nprod/config';
import { createWorkerApp } from './worker-app.factory';

createWorkerApp(loadConfig()).catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
