import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export interface PrismaClientOptions {
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

/**
 * A Prisma client over node-postgres: no Rust query engine at run time,
 * so nothing has to be downloaded on the machines that run it.
 */
export function createPrismaClient(
  databaseUrl: string,
  options: PrismaClientOptions = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
  });
  return new PrismaClient({ adapter });
}
