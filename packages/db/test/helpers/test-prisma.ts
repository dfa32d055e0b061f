import { afterAll, beforeAll } from 'vitest';
import { createTestDatabaseClients, type TestDatabaseClients } from '../../src/testing/index.js';

/**
 * A database of this file's own, filled in `beforeAll` and dropped after the
 * file: its pool (what the export store runs on), and a Prisma client sharing it.
 */
export function useTestPrisma(): Pick<TestDatabaseClients, 'pool' | 'prisma'> {
  const context = {} as TestDatabaseClients;
  beforeAll(async () => void Object.assign(context, await createTestDatabaseClients()));
  afterAll(() => context.close());
  return context;
}
