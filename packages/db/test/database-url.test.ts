import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASYNCHRONOUS_COMMIT, withSessionSettings } from '../src/store.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Each setting's value on a connection opened from `url` alone, and who set it (`client`: the URL). */
async function settingsOf(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string; source: string }>(
      `SELECT name, setting, source FROM pg_settings
        WHERE name IN ('synchronous_commit', 'statement_timeout') ORDER BY name`,
    );
    return Object.fromEntries(rows.map(({ name, setting, source }) => [name, { setting, source }]));
  } finally {
    await client.end();
  }
}

describe('withSessionSettings', () => {
  it('gives a URL whose connections apply the settings', async () => {
    const url = withSessionSettings(database.url, ASYNCHRONOUS_COMMIT);
    expect((await settingsOf(url)).synchronous_commit).toEqual({
      setting: 'off',
      source: 'client',
    });
  });

  it('keeps the options the URL had', async () => {
    const url = new URL(database.url);
    url.searchParams.set('options', '-c statement_timeout=1500');
    expect(await settingsOf(withSessionSettings(url.toString(), ASYNCHRONOUS_COMMIT))).toEqual({
      synchronous_commit: { setting: 'off', source: 'client' },
      statement_timeout: { setting: '1500', source: 'client' },
    });
  });
});
