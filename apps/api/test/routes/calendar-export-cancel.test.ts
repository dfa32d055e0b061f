import { GENERATE_CALENDAR_IDENTIFIER } from '@taskoverflow/db';
import {
  loadConfig as loadWorkerConfig,
  startWorker,
  type RunningWorker,
} from '@taskoverflow/worker';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../helpers/test-app.js';

// Ended exports live about a second here, so that the purge can be watched.
const TTL_HOURS = 0.0003;
const ctx = useTestApp({ EXPORT_TTL_HOURS: String(TTL_HOURS) });

interface LogLine {
  msg: string;
  exportId?: string;
  todosRead?: number;
}
let worker: RunningWorker | undefined;
let workerLogs: LogLine[] = [];
/** A real graphile-worker runner on this file's database; small batches make a long export. */
async function startTestWorker() {
  workerLogs = [];
  const config = loadWorkerConfig({
    DATABASE_URL: ctx.database.url,
    NODE_ENV: 'test',
    WORKER_HEARTBEAT_INTERVAL_MS: '200',
    WORKER_STALE_AFTER_MS: '2000',
    EXPORT_BATCH_SIZE: '100',
  });
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void workerLogs.push(JSON.parse(line) as LogLine) },
  );
  worker = await startWorker(config, { logger });
}
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

/** How long the worker gets to start, stop or purge an export. */
const patiently = { timeout: 20_000, interval: 25 };

const statusOf = async (id: string) =>
  (await ctx.http.get(`/api/v1/todos/ical/${id}/status`).expect(200)).body;
/** Generation jobs in the queue, whatever their key (a running job's key is cleared when it is cancelled). */
const generationJobs = () =>
  ctx.app.prisma.$queryRaw<
    unknown[]
  >`SELECT id FROM graphile_worker.jobs WHERE task_identifier = ${GENERATE_CALENDAR_IDENTIFIER}`;

describe('cancelling an export', () => {
  it('stops a running export: its worker gives up at the next batch and writes nothing more', async () => {
    await ctx.app.prisma.$executeRaw`
      INSERT INTO todos (title, deadline_at, updated_at)
      SELECT 'Todo ' || i, timestamp '2026-03-01 09:00' + i * interval '1 minute', now()
        FROM generate_series(1, 20000) AS i`;
    await startTestWorker();
    const { task_id: id } = (await ctx.http.post('/api/v1/todos/ical').expect(202)).body;
    // The export is under way.
    await vi.waitFor(
      async () => expect((await statusOf(id)).progress).toBeGreaterThan(0),
      patiently,
    );

    const { body } = await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);
    expect(body).toMatchObject({
      task_status: 'FAILURE',
      error: 'Cancelled from the jobs monitor',
    });
    const stopped = await vi.waitFor(() => {
      const line = workerLogs.find((one) => one.exportId === id && /no longer/.test(one.msg));
      expect(line, 'the worker to stop the attempt').toBeDefined();
      return line!;
    }, patiently);
    // Between batches, not at the end.
    expect(stopped.todosRead).toBeLessThan(20_000);
    const after = await statusOf(id);
    expect(after).toMatchObject({
      task_status: 'FAILURE',
      progress: body.progress,
      size_bytes: null,
      error: 'Cancelled from the jobs monitor',
    });
    expect(workerLogs.map((line) => line.msg)).not.toContain('export ready');
    // The job leaves the queue.
    await vi.waitFor(async () => expect(await generationJobs()).toHaveLength(0), patiently);
    await ctx.http.get(`/api/v1/todos/ical/${id}/result`).expect(404);
  });

  it('gives a cancelled export an expiry: it is purged, and its Idempotency-Key then starts a new export', async () => {
    const key = 'cancel-then-purge';
    const first = (
      await ctx.http.post('/api/v1/todos/ical').set('idempotency-key', key).expect(202)
    ).body.task_id;
    const { body: cancelled } = await ctx.http
      .post(`/api/v1/monitor/exports/${first}/cancel`)
      .expect(200);
    expect(cancelled.expires_at).not.toBeNull();
    expect(Date.parse(cancelled.expires_at) - Date.parse(cancelled.finished_at)).toBe(
      Math.round(TTL_HOURS * 3_600_000),
    );
    // Until the purge, the key replays the cancelled export.
    const replay = await ctx.http
      .post('/api/v1/todos/ical')
      .set('idempotency-key', key)
      .expect(202);
    expect(replay.body.task_id).toBe(first);

    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(cancelled.expires_at) - Date.now() + 50),
    );
    // A worker purges expired exports when it starts.
    await startTestWorker();
    await vi.waitFor(
      () => ctx.http.get(`/api/v1/todos/ical/${first}/status`).expect(404),
      patiently,
    );
    const fresh = await ctx.http.post('/api/v1/todos/ical').set('idempotency-key', key).expect(202);
    expect(fresh.body.task_id).not.toBe(first);
  });
});
