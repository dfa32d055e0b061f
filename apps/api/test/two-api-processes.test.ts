import { createTestDatabase, type TestDatabase } from '@taskoverflow/db/testing';
import {
  loadConfig as loadWorkerConfig,
  startWorker,
  type RunningWorker,
} from '@taskoverflow/worker';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEventStream } from '../src/testing/index.js';
import { startApiProcess } from './helpers/api-process.js';

/** Two API processes on one database (as behind a load balancer), and a real worker. */
let database: TestDatabase;
let worker: RunningWorker;
const processes: { api: ChildProcess; exited: Promise<unknown> }[] = [];
let one: string;
let two: string;

async function startApi(): Promise<string> {
  const { api, exited, base } = await startApiProcess(database.url);
  processes.push({ api, exited });
  // Ready answers before the process receives notifications: its event stream says when it does.
  const stream = await connectEventStream(`${base}/monitor/events`);
  await stream.waitFor((events) => events.some((e) => e.event === 'ready'));
  await stream.close();
  return base;
}

beforeAll(async () => {
  database = await createTestDatabase();
  [one, two] = await Promise.all([startApi(), startApi()]);
  worker = await startWorker(
    loadWorkerConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    { logger: pino({ level: 'silent' }) },
  );
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all(
    processes.map(({ api, exited }) => {
      api.kill('SIGTERM');
      return exited;
    }),
  );
  await database?.drop();
});

/** The answer of a fetch that must succeed: the fields these tests read. */
interface Answer {
  id: number;
  title: string;
  task_id: string;
  task_status: string;
}

async function send(method: string, url: string, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${url}: ${response.status}`).toBe(true);
  return (await response.json()) as Answer;
}
const titles = async (base: string) =>
  ((await send('GET', `${base}/todos`)) as unknown as Answer[]).map((t) => t.title);

describe('two API processes on one database', () => {
  it("a todo written through one is in the other's very next list, though that list was cached", async () => {
    // Even a row written behind the API's back (by psql, say) is in the next list: the
    // cached list is checked against the owner's revision, which any write moves.
    await titles(two);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("INSERT INTO todos (title, updated_at) VALUES ('unannounced', now())");
    await client.end();
    expect(await titles(two)).toContain('unannounced');

    // Many rounds: a notification that merely tends to win the race would lose some of them.
    for (let round = 0; round < 30; round++) {
      await titles(two); // caches the list as it is now
      const created = await send('POST', `${one}/todos`, { title: `created ${round}` });
      expect(await titles(two)).toContain(`created ${round}`);
      await titles(two);
      await send('PUT', `${one}/todos/${created.id}`, { title: `renamed ${round}` });
      expect(await titles(two)).toContain(`renamed ${round}`);
      await titles(two);
      await send('DELETE', `${one}/todos/${created.id}`);
      expect(await titles(two)).not.toContain(`renamed ${round}`);
    }
  });

  it('an export created through one streams its events through the other, up to SUCCESS', async () => {
    const stream = await connectEventStream(`${two}/monitor/events`);
    await stream.waitFor((events) => events.some((e) => e.event === 'ready'));
    // A new todo: the export cannot reuse an earlier calendar, a worker renders it.
    await send('POST', `${one}/todos`, { title: 'Streamed', deadline_at: '2026-03-01T14:00:00' });
    const { task_id } = await send('POST', `${one}/todos/ical`);
    const statuses = () =>
      stream.events
        .map((e) => e.data as { task_id?: string; task_status?: string })
        .filter((data) => data.task_id === task_id)
        .map((data) => data.task_status);
    await stream.waitFor(() => statuses().includes('SUCCESS'));
    await stream.close();
    expect(statuses()).toContain('STARTED');
    expect(statuses().at(-1)).toBe('SUCCESS');
    const status = await send('GET', `${two}/todos/ical/${task_id}/status`);
    expect(status.task_status).toBe('SUCCESS');
    const calendar = await fetch(`${two}/todos/ical/${task_id}/result`);
    expect(await calendar.text()).toContain('SUMMARY:Streamed');
  });
});
