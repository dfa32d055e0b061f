import { createTestDatabase, type TestDatabase } from '@taskoverflow/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess } from './helpers/api-process.js';

const TODOS = 30_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `INSERT INTO todos (title, description, updated_at)
     SELECT 'Todo ' || n, repeat('details ', 20), now() FROM generate_series(1, ${TODOS}) AS n`,
  );
  await client.end();
});
afterAll(() => database.drop());

describe('the API process on SIGTERM', () => {
  it('finishes the requests in flight, refuses new ones and exits 0', async () => {
    const { api, exited, base } = await startApiProcess(database.url);

    // A large list, then SIGTERM while it is being answered.
    const inFlight = fetch(`${base}/todos`, { headers: { connection: 'close' } });
    await new Promise((resolve) => setTimeout(resolve, 30));
    api.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(TODOS);
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
