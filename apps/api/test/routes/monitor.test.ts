import { describe, expect, it } from 'vitest';
import { connectEventStream } from '../../src/testing/index.js';
import { queuedPayload } from '../helpers/queued-jobs.js';
import { useTestApp } from '../helpers/test-app.js';

const ctx = useTestApp();

const baseUrl = () => `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
const startExport = async () =>
  (await ctx.http.post('/api/v1/todos/ical').expect(202)).body.task_id as string;
const queuedKeys = async () =>
  (
    await ctx.app.prisma.$queryRaw<
      { key: string }[]
    >`SELECT key FROM graphile_worker.jobs ORDER BY id`
  ).map((j) => j.key);

describe('GET /monitor/summary', () => {
  it('counts exports by status and the jobs waiting, with empty windows before anything finished', async () => {
    await startExport();
    await startExport();
    const { body } = await ctx.http.get('/api/v1/monitor/summary').expect(200);

    expect(body.exports).toEqual({ PENDING: 2, STARTED: 0, RETRY: 0, SUCCESS: 0, FAILURE: 0 });
    expect(body.queue).toMatchObject({ waiting: 2, scheduled: 0, running: 0 });
    expect(body.queue.oldest_wait_seconds).toBeGreaterThanOrEqual(0);
    expect(body.windows.map((w: { minutes: number }) => w.minutes)).toEqual([1, 5, 60]);
    expect(body.windows[0]).toMatchObject({
      succeeded: 0,
      failed: 0,
      per_minute: 0,
      wait: { p50: null },
    });
    expect(body.per_minute).toHaveLength(60);
  });
});

describe('cancel and retry', () => {
  it('cancels a pending export: it ends as FAILURE and its job leaves the queue', async () => {
    const id = await startExport();
    const { body } = await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);

    expect(body).toMatchObject({
      task_id: id,
      task_status: 'FAILURE',
      error: 'Cancelled from the jobs monitor',
      worker: null,
    });
    expect(await queuedKeys()).not.toContain(id);
  });

  it('refuses to cancel an export that is not pending (409) or does not exist (404)', async () => {
    const id = await startExport();
    await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);
    const again = await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(409);
    expect(again.body.message).toBe(
      'Only a PENDING, STARTED or RETRY export can be cancelled; this one is FAILURE',
    );
    await ctx.http
      .post('/api/v1/monitor/exports/8d9e7c52-2f7b-4d35-9a7e-2b9c1c0f5a11/cancel')
      .expect(404);
    await ctx.http.post('/api/v1/monitor/exports/nope/cancel').expect(404);
  });

  it('retries a failed export with fresh attempts and a new job, and refuses others', async () => {
    const id = await startExport();
    await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);

    const { body } = await ctx.http
      .post(`/api/v1/monitor/exports/${id}/retry`)
      .set('X-Request-Id', 'retry-b41c')
      .expect(202);
    expect(body).toMatchObject({
      task_id: id,
      task_status: 'PENDING',
      attempts: 0,
      finished_at: null,
    });
    expect(body.error).toBeUndefined();
    expect(await queuedKeys()).toContain(id);
    // The new job names the request that asked for it (for the worker's logs).
    expect(await queuedPayload(ctx.app.prisma, id)).toMatchObject({ requestId: 'retry-b41c' });
    const refused = await ctx.http.post(`/api/v1/monitor/exports/${id}/retry`).expect(409);
    expect(refused.body.message).toMatch(/Only a FAILURE export can be retried/);
  });
});

describe('GET /monitor/exports', () => {
  it('lists recent exports, filtered by status', async () => {
    const kept = await startExport();
    const cancelled = await startExport();
    await ctx.http.post(`/api/v1/monitor/exports/${cancelled}/cancel`).expect(200);

    const failures = await ctx.http.get('/api/v1/monitor/exports?status=FAILURE').expect(200);
    expect(failures.body.map((e: { task_id: string }) => e.task_id)).toContain(cancelled);
    expect(failures.body.map((e: { task_id: string }) => e.task_id)).not.toContain(kept);
    await ctx.http.get('/api/v1/monitor/exports?status=LOST').expect(400);
  });
});

describe('GET /monitor/events', () => {
  it('streams the changes of exports as they are committed, in order', async () => {
    const stream = await connectEventStream(`${baseUrl()}/api/v1/monitor/events`);
    try {
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      await stream.waitFor((events) => events.some((e) => e.event === 'ready'));

      const id = await startExport();
      await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);
      await ctx.http.post(`/api/v1/monitor/exports/${id}/retry`).expect(202);

      const events = await stream.waitFor(
        (all) => all.filter((e) => e.event === 'export').length >= 3,
      );
      const mine = events
        .filter((e) => e.event === 'export')
        .map((e) => e.data as { task_id: string; task_status: string });
      expect(mine.map((e) => [e.task_id, e.task_status])).toEqual([
        [id, 'PENDING'],
        [id, 'FAILURE'],
        [id, 'PENDING'],
      ]);
    } finally {
      await stream.close();
    }
  });

  it('streams only one export’s changes when asked', async () => {
    const other = await startExport();
    const id = await startExport();
    const stream = await connectEventStream(`${baseUrl()}/api/v1/monitor/events?task_id=${id}`);
    try {
      await stream.waitFor((events) => events.some((e) => e.event === 'ready'));
      await ctx.http.post(`/api/v1/monitor/exports/${other}/cancel`).expect(200);
      await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);
      const events = await stream.waitFor((all) => all.some((e) => e.event === 'export'));
      expect(
        events
          .filter((e) => e.event === 'export')
          .map((e) => (e.data as { task_id: string }).task_id),
      ).toEqual([id]);
    } finally {
      await stream.close();
    }
  });
});
