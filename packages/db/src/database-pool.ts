import pg from 'pg';
import { ASYNCHRONOUS_COMMIT, withSessionSettings } from './database-url.js';

export interface DatabasePoolOptions {
  /** Maximum connections in the pool (node-postgres default: 10). */
  poolSize?: number | undefined;
  /** Longest wait for a connection, new or from the full pool (default: wait forever). */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL's `statement_timeout` for every connection: no query runs longer (default: none). */
  statementTimeoutMs?: number | undefined;
  /**
   * `false`: commits return before their WAL is flushed (`synchronous_commit = off`).
   * Only for writers whose every commit is followed by a durable one that
   * covers it (a later flush writes all earlier WAL); see the worker's.
   */
  synchronousCommit?: boolean | undefined;
}

/** A node-postgres pool: what the export store runs on, and what Prisma's adapter can share. */
export function createDatabasePool(
  databaseUrl: string,
  options: DatabasePoolOptions = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString:
      options.synchronousCommit === false
        ? withSessionSettings(databaseUrl, ASYNCHRONOUS_COMMIT)
        : databaseUrl,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
  });
  // An idle connection that the server ends (a restart, a failover) is dropped by the pool, which
  // then emits this; unheard, it would end the process. The next query opens a new connection, and
  // a query that finds the server gone fails on its own, with its caller to handle it.
  pool.on('error', () => undefined);
  return pool;
}
