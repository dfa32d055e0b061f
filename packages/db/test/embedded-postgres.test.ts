import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/embedded-postgres.js';

const parent = mkdtempSync(join(tmpdir(), 'embedded-pg-'));
chmodSync(parent, 0o755);
const dataDir = join(parent, 'data', 'postgres');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  it('keeps its data across restarts and leaves no server behind when stopped', async () => {
    const port = 35_000 + Math.floor(Math.random() * 5_000);
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    expect(first.url).toBe(`postgresql://postgres:postgres@localhost:${port}/app`);
    await withClient(first.url, (c) =>
      c.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')"),
    );
    await first.stop();

    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    await expect(withClient(first.url, (c) => c.query('SELECT 1'))).rejects.toThrow(/ECONNREFUSED/);

    const second = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    try {
      const { rows } = await withClient(second.url, (c) =>
        c.query<{ v: string }>('SELECT v FROM kept'),
      );
      expect(rows).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('says plainly when the postgres user cannot reach the data directory', async () => {
    const locked = mkdtempSync(join(tmpdir(), 'embedded-pg-locked-'));
    try {
      await expect(
        startEmbeddedPostgres({
          dataDir: join(locked, 'pg'),
          port: 1,
          database: 'app',
          ephemeral: true,
        }),
      ).rejects.toThrow(`cannot enter ${locked}`);
    } finally {
      rmSync(locked, { recursive: true, force: true });
    }
  });

  it('says which port it could not start on', async () => {
    const running = await startEmbeddedPostgres({
      dataDir,
      port: 35_000 + Math.floor(Math.random() * 5_000),
      database: 'app',
    });
    try {
      const port = Number(new URL(running.url).port);
      await expect(
        startEmbeddedPostgres({
          dataDir: join(parent, 'other'),
          port,
          database: 'app',
          ephemeral: true,
        }),
      ).rejects.toThrow(new RegExp(`did not start on port ${port}`));
    } finally {
      await running.stop();
    }
  });
});
