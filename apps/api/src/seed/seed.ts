import 'reflect-metadata';
import { envSchema } from '@nprod/config';
import { createDataSource } from '@nprod/database';
import { seedDemoData } from './demo-seed';

/** `node dist/apps/api/src/seed/seed.js`: inserts the quick-start demo data once (DATABASE_URL, DEMO_PASSWORD). */
async function main() {
  const url = envSchema.shape.DATABASE_URL.parse(process.env.DATABASE_URL);
  const password = process.env.DEMO_PASSWORD;
  if (!password || password.length < 8) throw new Error('DEMO_PASSWORD must be set to at least 8 characters.');
  const db = await createDataSource({ url, poolSize: 1 }).initialize();
  try {
    const { created } = await seedDemoData(db, password);
    process.stdout.write(`${JSON.stringify({ level: 30, msg: created ? 'demo data seeded' : 'demo data already present' })}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
