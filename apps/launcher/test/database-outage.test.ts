import { findFreePort } from '@taskoverflow/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@taskoverflow/db/embedded';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSystem, type RunningSystem } from '../src/testing/index.js';

/**
 * The real system (launcher, API, worker: the built ones) on a PostgreSQL that
 * the test stops and starts again underneath it.
 */
const parent = mkdtempSync(join(tmpdir(), 'outage-'));
chmodSync(parent, 0o755);
const dataDir = join(parent, 'postgres');
let port: number;
let database: EmbeddedDatabase;
let system: RunningSystem;

const startDatabase = async () => {
  database = await startEmbeddedPostgres({ dataDir, port, database: 'taskoverflow' });
};

beforeAll(async () => {
  port = await findFreePort();
  await startDatabase();
  system = await spawnSystem({
    databaseUrl: database.url,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      WORKER_HEARTBEAT_INTERVAL_MS: '500',
      WORKER_STALE_AFTER_MS: '3000',
    },
  });
}, 180_000);
afterAll(async () => {
  await system?.stop();
  await database?.stop();
  rmSync(parent, { recursive: true, force: true });
});

const api = (path: string, init?: RequestInit) =>
  fetch(`${system.baseUrl}/api/v1${path}`, { ...init, signal: AbortSignal.timeout(10_000) });

async function startExport(): Promise<string> {
  const response = await api('/todos/ical', { method: 'POST' });
  expect(response.status).toBe(202);
  return ((await response.json()) as { task_id: string }).task_id;
}

async function statusOf(id: string): Promise<string> {
  const response = await api(`/todos/ical/${id}/status`);
  return response.ok
    ? ((await response.json()) as { task_status: string }).task_status
    : `HTTP ${response.status}`;
}

describe('a database outage under the running system', () => {
  it('answers 503 (and nothing else 5xx) while the database is down, recovers by itself, and loses no export', async () => {
    for (let i = 0; i < 50; i++) {
      await api('/todos', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Todo ${i}`, deadline_at: '2026-12-01T09:00:00' }),
      });
    }
    const before = await Promise.all(Array.from({ length: 10 }, startExport));

    await database.stop();
    const outageStatuses = new Set<number>();
    const outageEnds = Date.now() + 4_000;
    while (Date.now() < outageEnds) {
      for (const [path, init] of [
        ['/health/ready', undefined],
        ['/todos', undefined],
        ['/todos/ical', { method: 'POST' }],
        [`/todos/ical/${before[0]}/status`, undefined],
      ] as const) {
        outageStatuses.add((await api(path, init)).status);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect([...outageStatuses]).toEqual([503]);
    expect((await api('/health')).status).toBe(200);

    await startDatabase();
    await expect
      .poll(async () => (await api('/health/ready')).status, { timeout: 30_000, interval: 250 })
      .toBe(200);
    const after = await startExport();

    try {
      for (const id of [...before, after]) {
        await expect.poll(() => statusOf(id), { timeout: 90_000, interval: 500 }).toBe('SUCCESS');
      }
    } catch (error) {
      // What the system said is the way to know why.
      console.error(system.output.join('\n'));
      throw error;
    }
  }, 180_000);
});
