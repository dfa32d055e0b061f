import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { withDatabaseName } from '../database-url.js';
import { adminQuery } from './test-database-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Given by the global setup: where test databases are made, and from what. */
    testDatabaseServer: { adminUrl: string; template: string };
  }
}

export interface TestDatabase {
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * A fresh database of its own for one test file: a clone of the run's migrated
 * template, or an empty one with `{ migrated: false }`.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = inject('testDatabaseServer');
  const name = `test_${randomBytes(8).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${migrated ? ` TEMPLATE ${template}` : ''}`);
  return {
    url: withDatabaseName(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
