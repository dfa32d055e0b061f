import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export interface PrismaClientOptions {
  /** Maximum connections in the pool (node-postgres default: 10). */
  poolSize?: number | undefined;
  /** Longest wait for a connection, new or from the full pool (default: wait forever). */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL's `statement_timeout` for every connection: no query runs longer (default: none). */
  statementTimeoutMs?: number | undefined;
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
  });
  return new PrismaClient({ adapter });
}
