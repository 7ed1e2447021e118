#!/usr/bin/env node
// `npm run migration:generate -- AddThing`: writes a migration with the SQL that turns the
// schema of the existing migrations into the one the entities describe, and registers it.
// It runs the migrations on a throwaway embedded PostgreSQL and asks TypeORM for the diff.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:generate -- PascalCaseName   (e.g. AddAuditEvents)');
  process.exit(2);
}
if (spawnSync(process.execPath, ['scripts/build.mjs', '--server-only'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../dist/libs/testing/src/index.js');
const { migrateDatabase, createDataSource } = require('../dist/libs/database/src/index.js');

const scratch = mkdtempSync(join(tmpdir(), 'nprod-migration-'));
const postgres = await startEmbeddedPostgres({ dataDir: join(scratch, 'pg') });
try {
  await migrateDatabase(postgres.url);
  const dataSource = await createDataSource({ url: postgres.url, poolSize: 1 }).initialize();
  const sql = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (sql.upQueries.length === 0) {
    console.log('The migrations already match the entities; nothing to generate.');
  } else {
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const fileBase = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
    const line = (query) => `    await queryRunner.query(${JSON.stringify(query.query)});`;
    writeFileSync(
      `libs/database/src/migrations/${fileBase}.ts`,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
        `  async up(queryRunner: QueryRunner): Promise<void> {\n${sql.upQueries.map(line).join('\n')}\n  }\n\n` +
        `  async down(queryRunner: QueryRunner): Promise<void> {\n${sql.downQueries.reverse().map(line).join('\n')}\n  }\n}\n`,
    );
    const indexPath = 'libs/database/src/migrations/index.ts';
    const index = readFileSync(indexPath, 'utf8')
      .replace(/^((?:import .*\n)+)/, `$1import { ${className} } from './${fileBase}';\n`)
      .replace(/\];\s*$/, `, ${className}];\n`);
    writeFileSync(indexPath, index);
    console.log(`Wrote libs/database/src/migrations/${fileBase}.ts (${sql.upQueries.length} statements) and registered it. Read it before committing.`);
  }
} finally {
  await postgres.stop();
  rmSync(scratch, { recursive: true, force: true });
}
