import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
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
