import { createCalendarBuilder } from '@taskoverflow/calendar';
import ICAL from 'ical.js';
import { startWorker } from '@taskoverflow/worker';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { connectEventStream } from '../../src/testing/index.js';
import { useTestApp } from '../helpers/test-app.js';
import { testWorkerConfig, useTestWorker } from '../helpers/test-worker.js';

/** The real API and a real graphile-worker runner, in this process, on this file's database. */
const ctx = useTestApp({ EXPORT_MAX_ATTEMPTS: '1', WORKER_STALE_AFTER_MS: '2000' });
// Flipped by a test to make the next calendars fail inside the worker's real code path.
let builderFails = false;
const running = useTestWorker(ctx, {
  createCalendarBuilder: (options) => {
    if (builderFails) throw new Error('the calendar service is on fire');
    return createCalendarBuilder(options);
  },
});

const baseUrl = () => `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;

/** Polls the export's status until it is `wanted`, and returns that status. */
function waitForStatus(id: string, wanted: string) {
  return vi.waitFor(
    async () => {
      const { body } = await ctx.http.get(`/api/v1/todos/ical/${id}/status`).expect(200);
      expect(body.task_status).toBe(wanted);
      return body;
    },
    { timeout: 15_000, interval: 20 },
  );
}

function eventsOf(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((event) => ({
    summary: event.getFirstPropertyValue('summary'),
    start: String(event.getFirstPropertyValue('dtstart')),
  }));
}

describe('an export from request to download', () => {
  it('goes PENDING → STARTED → SUCCESS, streamed in order, and downloads the selected todos as iCalendar', async () => {
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Dentist, 2nd floor; bring card', deadline_at: '2026-03-01T14:00:00' })
      .expect(201);
    // Long enough to be worth compressing (over 1 KB).
    const description = 'Receipts, statements; the lot. '.repeat(60);
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'Taxes 🧾', description, deadline_at: '2026-04-15T09:30:00' })
      .expect(201);
    await ctx.http.post('/api/v1/todos').send({ title: 'Someday' }).expect(201);

    const stream = await connectEventStream(`${baseUrl()}/api/v1/monitor/events`);
    await stream.waitFor((all) => all.some((e) => e.event === 'ready'));
    const { body: created } = await ctx.http.post('/api/v1/todos/ical').expect(202);
    const status = await waitForStatus(created.task_id, 'SUCCESS');
    type Change = { task_id: string; task_status: string; progress: number };
    const mine = (all: typeof stream.events) =>
      all
        .filter((e) => e.event === 'export')
        .map((e) => e.data as Change)
        .filter((c) => c.task_id === created.task_id);
    const changes = mine(
      await stream.waitFor((all) => mine(all).some((c) => c.task_status === 'SUCCESS')),
    );
    await stream.close();

    // Every change, in the order it was committed (progress changes repeat a status).
    const statuses = changes.map((c) => c.task_status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['PENDING', 'STARTED', 'SUCCESS']);
    expect(changes.at(-1)!.progress).toBe(1);
    expect(status).toMatchObject({
      task_status: 'SUCCESS',
      attempts: 1,
      progress: 1,
      todo_count: 3,
      event_count: 2,
    });
    expect(status.size_bytes).toBeGreaterThan(0);

    const download = await ctx.http.get(new URL(status.result_url as string).pathname).expect(200);
    expect(download.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="taskoverflow-\d{8}-\d{6}\.ics"$/,
    );
    expect(eventsOf(download.text)).toEqual([
      { summary: 'Dentist, 2nd floor; bring card', start: '2026-03-01T14:00:00' },
      { summary: 'Taxes 🧾', start: '2026-04-15T09:30:00' },
    ]);

    const etag = download.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await ctx.http
      .get(new URL(status.result_url as string).pathname)
      .set('if-none-match', etag)
      .expect(304);
    expect(again.text).toBe('');
    // Stored once as gzip: sent as it is to a client that takes gzip, decompressed for one that does not.
    const url = new URL(status.result_url as string).pathname;
    const stored = await ctx.app.prisma.calendarExport.findUniqueOrThrow({
      where: { id: created.task_id },
    });
    expect(stored.contentEncoding).toBe('gzip');
    const asStored = await ctx.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(asStored.headers['content-encoding']).toBe('gzip');
    expect(asStored.rawPayload.equals(Buffer.from(stored.content!))).toBe(true);
    const plain = await ctx.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(download.text);
    expect(Buffer.byteLength(plain.body)).toBe(status.size_bytes);
    for (const response of [asStored, plain]) {
      expect(response.headers.etag).toBe(etag);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('exports only the selection asked for', async () => {
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'open', deadline_at: '2026-03-01T14:00:00' })
      .expect(201);
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'done', completed: true, deadline_at: '2026-03-02T14:00:00' })
      .expect(201);

    const { body } = await ctx.http
      .post('/api/v1/todos/ical')
      .send({ completed: true })
      .expect(202);
    const status = await waitForStatus(body.task_id, 'SUCCESS');
    const download = await ctx.http.get(new URL(status.result_url as string).pathname).expect(200);
    expect(eventsOf(download.text).map((e) => e.summary)).toEqual(['done']);
  });
});

describe('an export of todos that have not changed since the last one', () => {
  const exportNow = async () => {
    const { body } = await ctx.http.post('/api/v1/todos/ical').send({}).expect(202);
    return body.task_id as string;
  };
  const download = async (id: string) => {
    const result = await ctx.http.get(`/api/v1/todos/ical/${id}/result`).expect(200);
    return { etag: result.headers.etag, text: result.text };
  };

  it('is SUCCESS at once with the same calendar, and a change to the todos means a new one', async () => {
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'kept', deadline_at: '2026-04-01T09:00:00' });
    const first = await exportNow();
    await waitForStatus(first, 'SUCCESS');

    const again = await exportNow();
    const status = await ctx.http.get(`/api/v1/todos/ical/${again}/status`).set('prefer', 'wait=0');
    expect(status.body).toMatchObject({ task_status: 'SUCCESS', attempts: 0 });
    expect(await download(again)).toEqual(await download(first));

    await ctx.http.post('/api/v1/todos').send({ title: 'new', deadline_at: '2026-04-02T09:00:00' });
    const afterChange = await exportNow();
    await waitForStatus(afterChange, 'SUCCESS');
    const changed = await download(afterChange);
    expect(changed.etag).not.toBe((await download(first)).etag);
    expect(eventsOf(changed.text).map((e) => e.summary)).toContain('new');
  });
});

describe('an export stored before calendars were compressed', () => {
  it('is sent as its plain text, compressed as the client asks', async () => {
    // Over the compression plugin's threshold (1 kB).
    const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${'X-COMMENT:plain\r\n'.repeat(100)}END:VCALENDAR\r\n`;
    const legacy = await ctx.app.prisma.calendarExport.create({
      data: {
        status: 'SUCCESS',
        maxAttempts: 1,
        content: Buffer.from(text),
        sizeBytes: text.length,
        contentSha256: 'a'.repeat(64),
      },
    });
    const url = `/api/v1/todos/ical/${legacy.id}/result`;
    const plain = await ctx.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(text);
    const zipped = await ctx.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(text);
  });
});

describe('the jobs monitor with real workers', () => {
  it('shows a worker while it runs, and not after it stopped', async () => {
    const second = await startWorker(testWorkerConfig(ctx), { logger: pino({ level: 'silent' }) });
    const pools = async () =>
      (await ctx.http.get('/api/v1/monitor/workers').expect(200)).body.map(
        (w: { pool_id: string; alive: boolean; concurrency: number }) => w,
      );
    // useTestApp empties the heartbeats before each test; the next beat brings them back.
    await expect
      .poll(async () => (await pools()).map((w: { pool_id: string }) => w.pool_id).sort(), {
        timeout: 5_000,
      })
      .toEqual([running.worker.poolId, second.poolId].sort());
    expect(
      (await pools()).every(
        (w: { alive: boolean; concurrency: number }) => w.alive && w.concurrency === 4,
      ),
    ).toBe(true);

    await second.stop();
    expect((await pools()).map((w: { pool_id: string }) => w.pool_id)).toEqual([
      running.worker.poolId,
    ]);
  });

  it('shows a failed export with its reason, and a retry from the monitor succeeds', async () => {
    await ctx.http
      .post('/api/v1/todos')
      .send({ title: 'x', deadline_at: '2026-03-01T14:00:00' })
      .expect(201);
    builderFails = true;
    const { body } = await ctx.http.post('/api/v1/todos/ical').expect(202);
    const failed = await waitForStatus(body.task_id, 'FAILURE');
    builderFails = false;
    expect(failed.error).toMatch(/the calendar service is on fire/);

    const failures = await ctx.http.get('/api/v1/monitor/exports?status=FAILURE').expect(200);
    expect(failures.body).toEqual([
      expect.objectContaining({ task_id: body.task_id, error: expect.stringMatching(/on fire/) }),
    ]);
    const summary = await ctx.http.get('/api/v1/monitor/summary').expect(200);
    expect(summary.body.exports.FAILURE).toBe(1);

    await ctx.http.post(`/api/v1/monitor/exports/${body.task_id}/retry`).expect(202);
    const retried = await waitForStatus(body.task_id, 'SUCCESS');
    expect(retried).toMatchObject({ attempts: 1, event_count: 1 });
    expect(retried.error).toBeUndefined();
  });
});
