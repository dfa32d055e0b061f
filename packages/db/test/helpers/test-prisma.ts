import { afterAll, beforeAll } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';

/** A Prisma client on a database of this file's own, filled in `beforeAll` and dropped after the file. */
export function useTestPrisma(): { prisma: PrismaClient } {
  const context = {} as { prisma: PrismaClient };
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    context.prisma = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await context.prisma.$disconnect();
    await database.drop();
  });
  return context;
}
