import 'reflect-metadata';
import { envSchema } from '@nprod/config';
import { createDataSource, verifyAuditChain } from '@nprod/database';

/**
 * `npm run audit:verify`: walks the audit hash chain and reports the first broken link.
 * Exit code 0 when intact, 1 when broken, 2 when it could not check.
 */
async function main(): Promise<number> {
  const url = envSchema.shape.DATABASE_URL.parse(process.env.DATABASE_URL);
  const db = await createDataSource({ url, poolSize: 1 }).initialize();
  try {
    const report = await verifyAuditChain(db.manager);
    if (report.ok) {
      process.stdout.write(`audit chain intact: ${report.checked} events, last hash ${report.lastHash}\n`);
      return 0;
    }
    process.stdout.write(`audit chain BROKEN at event ${report.brokenAtId} (${report.checked} events before it are intact): ${report.problem}\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify could not check the chain: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
