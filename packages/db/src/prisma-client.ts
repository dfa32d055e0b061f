import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export interface PrismaClientOptions {
  /** Maximum connections in the pool (node-postgres default: 10). */
  poolSize?: number;
}

/**
 * A Prisma client over node-postgres: no Rust query engine at run time,
 * so nothing has to be downloaded on the machines that run it.
 */
export function createPrismaClient(
  databaseUrl: string,
  options: PrismaClientOptions = {},
): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize });
  return new PrismaClient({ adapter });
}
