import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import {
  MigrationError,
  defaultMigrationsDir,
  migrate,
  pendingMigrations,
  readMigrations,
} from '../src/migrations.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase({ migrated: false });
});
afterEach(() => database.drop());

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the real migrations that a test may change. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

describe('migrate', () => {
  it('applies every migration once and records it as Prisma does', async () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    expect(await migrate(database.url)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(database.url)).toEqual([]);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, applied_steps_count FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    expect(rows).toEqual(
      migrations.map((m) => ({
        migration_name: m.name,
        checksum: m.checksum,
        applied_steps_count: 1,
      })),
    );
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies each migration exactly once when processes start together', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(database.url)));

    expect(results.flat().sort()).toEqual(readMigrations().map((m) => m.name));
    const [{ count }] = (await query<{ count: string }>(
      'SELECT count(*) FROM _prisma_migrations',
    )) as [{ count: string }];
    expect(Number(count)).toBe(readMigrations().length);
  });

  it('refuses to start when an applied migration was changed', async () => {
    const dir = copyOfMigrations();
    await migrate(database.url, readMigrations(dir));
    const [first] = readMigrations(dir);
    writeFileSync(join(dir, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`);

    await expect(migrate(database.url, readMigrations(dir))).rejects.toThrow(
      new RegExp(`${first!.name} was changed after it was applied`),
    );
  });

  it('rolls a failing migration back whole and names it', async () => {
    const dir = copyOfMigrations();
    mkdirSync(join(dir, '99990101000000_broken'));
    writeFileSync(
      join(dir, '99990101000000_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n',
    );

    const error = await migrate(database.url, readMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/99990101000000_broken failed: .*no_such_table/);

    const tables = await query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(tables).toEqual([]);
    const recorded = await query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations',
    );
    expect(recorded.map((r) => r.migration_name)).not.toContain('99990101000000_broken');
  });
});

describe('pendingMigrations', () => {
  it('lists the migrations on disk that the database has not applied', () => {
    const migrations = readMigrations();
    expect(pendingMigrations(migrations, [])).toEqual(migrations.map((m) => m.name));
    expect(
      pendingMigrations(
        migrations,
        migrations.map((m) => m.name),
      ),
    ).toEqual([]);
  });
});

describe('the job queue schema', () => {
  it('is installed by migrate, so that a job can be added in SQL', async () => {
    await migrate(database.url);
    await query("SELECT graphile_worker.add_job('probe', json_build_object('n', 1))");
    const jobs = await query<{ task_identifier: string }>(
      'SELECT task_identifier FROM graphile_worker.jobs',
    );
    expect(jobs).toEqual([{ task_identifier: 'probe' }]);
  });
});
