import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { createDatabasePool, type DatabasePoolOptions } from './database-pool.js';
import { PrismaClient } from './generated/prisma/client.js';

export type PrismaClientOptions = DatabasePoolOptions;

/**
 * A Prisma client over node-postgres: no Rust query engine at run time, so
 * nothing has to be downloaded on the machines that run it. Given a pool, it
 * shares it (and leaves closing it to its owner); given a URL, it makes its own.
 */
export function createPrismaClient(
  database: string | pg.Pool,
  options: PrismaClientOptions = {},
): PrismaClient {
  const adapter =
    typeof database === 'string'
      ? new PrismaPg(createDatabasePool(database, options), { disposeExternalPool: true })
      : new PrismaPg(database);
  return new PrismaClient({ adapter });
}
