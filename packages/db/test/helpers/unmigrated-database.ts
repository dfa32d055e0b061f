import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { LOCAL_OWNER_ID, migrate, readMigrations } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';

export interface UnmigratedDatabase {
  database: TestDatabase;
  /** A client on `database`, connected before each test. */
  client: pg.Client;
}

/**
 * A fresh database without any migration for each test (so that it applies
 * them as it needs), and a client on it; both filled in `beforeEach`.
 */
export function useUnmigratedDatabase(): UnmigratedDatabase {
  const context = {} as UnmigratedDatabase;
  beforeEach(async () => {
    context.database = await createTestDatabase({ migrated: false });
    context.client = new pg.Client({ connectionString: context.database.url });
    await context.client.connect();
  });
  afterEach(async () => {
    await context.client.end();
    await context.database.drop();
  });
  return context;
}

/**
 * Applies every migration before `migration` to `db`, makes a second owner
 * (bob@example.com) with one todo and the local owner with `localTodos`
 * todos, as a database that migration will find; `migrateAll` then applies the rest.
 */
export async function migrateUpToWithTwoOwners(
  db: UnmigratedDatabase,
  migration: string,
  localTodos: string[],
): Promise<{ bob: string; migrateAll: () => Promise<void> }> {
  const migrations = readMigrations();
  const index = migrations.findIndex(({ name }) => name === migration);
  if (index <= 0) throw new Error(`no migration ${migration} after the first`);
  await migrate(db.database.url, migrations.slice(0, index));
  const {
    rows: [bob],
  } = await db.client.query<{ id: string }>(
    `INSERT INTO users (email) VALUES ('bob@example.com') RETURNING id::text`,
  );
  await db.client.query(
    `INSERT INTO todos (owner_id, title, updated_at)
     SELECT $1::uuid, title, now() FROM unnest($3::text[]) AS title UNION ALL SELECT $2::uuid, 'Bob’s', now()`,
    [LOCAL_OWNER_ID, bob!.id, localTodos],
  );
  return {
    bob: bob!.id,
    migrateAll: async () => void (await migrate(db.database.url, migrations)),
  };
}
