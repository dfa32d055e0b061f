import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Each setting's value on a connection of the client, and who set it (`client`: its connection options). */
async function settingsOf(options: Parameters<typeof createPrismaClient>[1]) {
  const prisma = createPrismaClient(database.url, options);
  try {
    const rows = await prisma.$queryRaw<{ name: string; setting: string; source: string }[]>`
      SELECT name, setting, source FROM pg_settings
       WHERE name IN ('synchronous_commit', 'statement_timeout') ORDER BY name`;
    return Object.fromEntries(rows.map(({ name, setting, source }) => [name, { setting, source }]));
  } finally {
    await prisma.$disconnect();
  }
}

describe('the Prisma client', () => {
  it("keeps the server's settings by default", async () => {
    const settings = await settingsOf({});
    expect(settings.synchronous_commit!.source).not.toBe('client');
    expect(settings.statement_timeout!.source).not.toBe('client');
  });

  it('sets its connections up as asked', async () => {
    expect(await settingsOf({ synchronousCommit: false, statementTimeoutMs: 1500 })).toEqual({
      synchronous_commit: { setting: 'off', source: 'client' },
      statement_timeout: { setting: '1500', source: 'client' },
    });
  });
});
