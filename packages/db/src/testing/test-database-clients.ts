import type pg from 'pg';
import { createDatabasePool, createPrismaClient, type PrismaClient } from '../index.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A test database with both clients the code runs on. */
export interface TestDatabaseClients {
  database: TestDatabase;
  /** What the stores run on (node-postgres). */
  pool: pg.Pool;
  /** A Prisma client sharing `pool`, so that both see one another's transactions alike. */
  prisma: PrismaClient;
  /** Disconnects both clients, then drops the database. */
  close(): Promise<void>;
}

/**
 * A fresh migrated database (see createTestDatabase), its pool and a Prisma
 * client on that pool; the caller picks the hooks (per file or per test).
 */
export async function createTestDatabaseClients(): Promise<TestDatabaseClients> {
  const database = await createTestDatabase();
  const pool = createDatabasePool(database.url);
  const prisma = createPrismaClient(pool);
  return {
    database,
    pool,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await database.drop();
    },
  };
}
