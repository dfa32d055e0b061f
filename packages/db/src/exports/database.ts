import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** The client, or the transaction a statement must join. */
export type Database = PrismaClient | Prisma.TransactionClient;
