import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withDatabaseName } from '../database-url.js';
import { startEmbeddedPostgres } from '../embedded-postgres.js';
import { findFreePort } from '../free-port.js';
import { migrate } from '../migrations.js';

export interface TestDatabaseServer {
  /** A URL with rights to create and drop databases. */
  adminUrl: string;
  /** The migrated database that every test database is cloned from. */
  template: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL that a test run uses: `DATABASE_URL`'s server when it is
 * given, otherwise a throw-away embedded one. Migrates a template database once.
 */
export async function startTestDatabaseServer(
  databaseUrl: string | undefined = process.env.DATABASE_URL,
): Promise<TestDatabaseServer> {
  const embedded = databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(tmpdir(), `taskoverflow-test-pg-${randomBytes(6).toString('hex')}`),
        port: await findFreePort(),
        database: 'postgres',
        ephemeral: true,
      });
  const adminUrl = databaseUrl ?? embedded!.url;
  const template = `taskoverflow_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  await migrate(withDatabaseName(adminUrl, template));
  // Connections to a template block cloning; nobody needs to connect to it again.
  await adminQuery(adminUrl, `ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`);
  return {
    adminUrl,
    template,
    async stop() {
      await adminQuery(adminUrl, `ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS true`);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await embedded?.stop();
    },
  };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
