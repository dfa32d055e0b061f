import { afterAll, beforeAll } from 'vitest';
import type pg from 'pg';
import { createDatabasePool, createPrismaClient, type PrismaClient } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';

/**
 * A database of this file's own, filled in `beforeAll` and dropped after the
 * file: its pool (what the export store runs on), and a Prisma client sharing it.
 */
export function useTestPrisma(): { pool: pg.Pool; prisma: PrismaClient } {
  const context = {} as { pool: pg.Pool; prisma: PrismaClient };
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    context.pool = createDatabasePool(database.url);
    context.prisma = createPrismaClient(context.pool);
  });
  afterAll(async () => {
    await context.prisma.$disconnect();
    await context.pool.end();
    await database.drop();
  });
  return context;
}
