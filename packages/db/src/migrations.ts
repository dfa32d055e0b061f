import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { PrismaClient } from './generated/prisma/client.js';
import { migrateJobQueue } from './queue/queue-schema.js';

/** `prisma/migrations` at the repository root (the same path from `src/` and `dist/`). */
export const defaultMigrationsDir = fileURLToPath(
  new URL('../../../prisma/migrations', import.meta.url),
);

// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 7_370_616_931;

// Prisma's own bookkeeping table, so that `prisma migrate deploy` sees our work as its own.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  /** The folder name, `<timestamp>_<name>`. */
  name: string;
  sql: string;
  /** SHA-256 of the file, hex: what Prisma stores as `checksum`. */
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The migrations on disk, oldest first. */
export function readMigrations(dir: string = defaultMigrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/**
 * Applies pending migrations in order, each in its own transaction, under an
 * advisory lock so that processes starting together apply each one once; then
 * installs or upgrades graphile-worker's job queue schema, under the same lock.
 * Refuses to run when an applied migration's file has changed since, or when
 * an earlier attempt failed half-way (Prisma's P3009), as `prisma migrate deploy` does.
 *
 * @returns the names of the migrations it applied.
 */
export async function migrate(
  databaseUrl: string,
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedMigration>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    const done: string[] = [];
    for (const migration of migrations) {
      const previous = applied.get(migration.name);
      if (previous) {
        checkApplied(migration, previous);
        continue;
      }
      await applyMigration(client, migration);
      done.push(migration.name);
    }
    await migrateJobQueue(databaseUrl);
    return done;
  } finally {
    await client.end();
  }
}

function checkApplied(migration: Migration, previous: AppliedMigration): void {
  if (!previous.finished_at) {
    throw new MigrationError(
      `Migration ${migration.name} failed earlier and was not rolled back; resolve it before starting.`,
    );
  }
  if (previous.checksum !== migration.checksum) {
    throw new MigrationError(
      `Migration ${migration.name} was changed after it was applied (checksum ${previous.checksum} in the database, ${migration.checksum} on disk).`,
    );
  }
}

async function applyMigration(client: pg.Client, migration: Migration): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Names of migrations on disk that the database has not applied (for readiness checks). */
export function pendingMigrations(
  migrations: Migration[],
  appliedNames: Iterable<string>,
): string[] {
  const applied = new Set(appliedNames);
  return migrations.filter((migration) => !applied.has(migration.name)).map(({ name }) => name);
}

/** {@link pendingMigrations} of the database `prisma` reaches: those it has not finished applying. */
export async function unappliedMigrations(
  prisma: PrismaClient,
  migrations: Migration[],
): Promise<string[]> {
  const applied = await prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return pendingMigrations(
    migrations,
    applied.map((row) => row.migration_name),
  );
}
