import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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

function withPassword(url: string, password: string): string {
  const changed = new URL(url);
  changed.password = password;
  return changed.href;
}

describe('startEmbeddedPostgres', () => {
  it('keeps its data across restarts and leaves no server behind when stopped', async () => {
    const port = 35_000 + Math.floor(Math.random() * 5_000);
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    expect(first.url).toMatch(
      new RegExp(`^postgresql://postgres:[\\w-]{32}@localhost:${port}/app$`),
    );
    await withClient(first.url, (c) =>
      c.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')"),
    );
    await first.stop();

    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    await expect(withClient(first.url, (c) => c.query('SELECT 1'))).rejects.toThrow(/ECONNREFUSED/);

    const second = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    expect(second.url).toBe(first.url);
    try {
      const { rows } = await withClient(second.url, (c) =>
        c.query<{ v: string }>('SELECT v FROM kept'),
      );
      expect(rows).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('gives its superuser a random password, kept in a file only its owner reads, and listens on loopback only', async () => {
    const port = 35_000 + Math.floor(Math.random() * 5_000);
    const running = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    try {
      const password = decodeURIComponent(new URL(running.url).password);
      expect(readFileSync(`${dataDir}.password`, 'utf8').trim()).toBe(password);
      expect(statSync(`${dataDir}.password`).mode & 0o777).toBe(0o600);
      await expect(
        withClient(withPassword(running.url, 'postgres'), (c) => c.query('SELECT 1')),
      ).rejects.toThrow(/password authentication failed/);
      const { rows } = await withClient(running.url, (c) =>
        c.query<{ listen_addresses: string }>('SHOW listen_addresses'),
      );
      expect(rows).toEqual([{ listen_addresses: 'localhost' }]);
    } finally {
      await running.stop();
    }
  });

  it('replaces the known password of a cluster made before passwords were random', async () => {
    const port = 35_000 + Math.floor(Math.random() * 5_000);
    const before = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    await withClient(before.url, (c) => c.query("ALTER ROLE postgres PASSWORD 'postgres'"));
    await before.stop();
    rmSync(`${dataDir}.password`);

    const after = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    try {
      expect(new URL(after.url).password).not.toBe('postgres');
      await withClient(after.url, (c) => c.query('SELECT 1'));
      await expect(
        withClient(withPassword(after.url, 'postgres'), (c) => c.query('SELECT 1')),
      ).rejects.toThrow(/password authentication failed/);
    } finally {
      await after.stop();
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
