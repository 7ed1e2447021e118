import 'reflect-metadata';
import { envSchema } from '@nprod/config';
import { migrateDatabase } from '@nprod/database';

/**
 * `node dist/apps/api/src/migrate.js`: applies pending migrations. The Helm chart runs it as a
 * pre-install hook, before other secrets exist, so it validates only DATABASE_URL.
 */
const parsed = envSchema.shape.DATABASE_URL.safeParse(process.env.DATABASE_URL);
if (!parsed.success) {
  process.stderr.write(`Invalid configuration:\n  - DATABASE_URL ${parsed.error.issues[0]?.message}\n`);
  process.exit(1);
}
migrateDatabase(parsed.data)
  .then((applied) => process.stdout.write(`${JSON.stringify({ level: 30, msg: 'migrations applied', applied })}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
