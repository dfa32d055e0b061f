import { GENERATE_CALENDAR_VERSION } from '@taskoverflow/contracts';
import { GENERATE_CALENDAR_IDENTIFIER } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import { queuedPayload } from '../helpers/queued-jobs.js';
import { useTestApp } from '../helpers/test-app.js';

const ctx = useTestApp({ EXPORT_MAX_ATTEMPTS: '3' });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Export records and their queued jobs, as they stand. */
async function stored() {
  const exports = await ctx.app.prisma.calendarExport.findMany({
    omit: { content: true },
    orderBy: { createdAt: 'asc' },
  });
  const jobs = await ctx.app.prisma.$queryRaw<
    { task_identifier: string; key: string; max_attempts: number }[]
  >`
    SELECT task_identifier, key, max_attempts FROM graphile_worker.jobs ORDER BY id`;
  return { exports, jobs };
}

describe('POST /todos/ical', () => {
  it('records a PENDING export and queues its job together, and answers 202 with where to poll', async () => {
    const response = await ctx.http
      .post('/api/v1/todos/ical')
      .set('X-Request-Id', 'trace-7f3a')
      .expect(202);

    expect(response.body).toEqual({
      task_id: expect.stringMatching(UUID),
      task_url: expect.any(String),
    });
    const { task_id: id, task_url: url } = response.body;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/v1/todos/ical/${id}/status$`));
    expect(response.headers.location).toBe(url);

    const { exports, jobs } = await stored();
    expect(exports).toEqual([
      expect.objectContaining({
        id,
        status: 'PENDING',
        completed: null,
        windowDays: null,
        attempts: 0,
        maxAttempts: 3,
      }),
    ]);
    expect(jobs).toEqual([
      { task_identifier: GENERATE_CALENDAR_IDENTIFIER, key: id, max_attempts: 3 },
    ]);
    // At this build's version, naming the request that asked, for the worker's logs.
    expect(await queuedPayload(ctx.app.prisma, id)).toEqual({
      version: GENERATE_CALENDAR_VERSION,
      exportId: id,
      requestId: 'trace-7f3a',
    });
  });

  it('keeps the selection it was asked for', async () => {
    const { body } = await ctx.http
      .post('/api/v1/todos/ical')
      .send({ completed: false, window: 7 })
      .expect(202);
    const status = await ctx.http.get(`/api/v1/todos/ical/${body.task_id}/status`).expect(200);
    expect(status.body.selection).toEqual({ completed: false, window: 7 });
  });

  it('returns the same task for a retried request with the same Idempotency-Key', async () => {
    const send = () =>
      ctx.http
        .post('/api/v1/todos/ical')
        .set('idempotency-key', 'k-1')
        .send({ window: 3 })
        .expect(202);
    const [first, second] = await Promise.all([send(), send()]);
    const third = await send();

    expect(second.body.task_id).toBe(first.body.task_id);
    expect(third.body.task_id).toBe(first.body.task_id);
    const { exports, jobs } = await stored();
    expect(exports).toHaveLength(1);
    expect(jobs).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for a different selection, changing nothing', async () => {
    await ctx.http
      .post('/api/v1/todos/ical')
      .set('idempotency-key', 'k-2')
      .send({ window: 3 })
      .expect(202);
    const before = await stored();

    const response = await ctx.http
      .post('/api/v1/todos/ical')
      .set('idempotency-key', 'k-2')
      .send({ window: 4 })
      .expect(422);
    expect(response.body).toEqual({
      error: 'Unprocessable Entity',
      message: expect.stringMatching(/Idempotency-Key/),
    });
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['an unknown field', { format: 'ics' }, { format: 'is not allowed' }],
    ['a negative window', { window: -1 }, { window: expect.any(String) }],
    ['a non-numeric window', { window: 'week' }, { window: 'must be integer' }],
    ['completed as a string', { completed: 'yes' }, { completed: 'must be boolean' }],
  ])('rejects %s with a 400 and queues nothing', async (_, body, fields) => {
    const response = await ctx.http.post('/api/v1/todos/ical').send(body).expect(400);
    expect(response.body).toMatchObject({ error: 'Bad Request', fields });
    expect(await stored()).toEqual({ exports: [], jobs: [] });
  });

  it('rejects malformed JSON with a 400 and queues nothing', async () => {
    await ctx.http
      .post('/api/v1/todos/ical')
      .set('content-type', 'application/json')
      .send('{')
      .expect(400);
    expect(await stored()).toEqual({ exports: [], jobs: [] });
  });
});

describe('GET /todos/ical/:task_id/status and /result', () => {
  it('describes a pending export', async () => {
    const { body } = await ctx.http.post('/api/v1/todos/ical').expect(202);
    const response = await ctx.http.get(`/api/v1/todos/ical/${body.task_id}/status`).expect(200);
    expect(response.body).toEqual({
      task_id: body.task_id,
      task_status: 'PENDING',
      result_url: body.task_url.replace(/status$/, 'result'),
      selection: {},
      created_at: expect.any(String),
      started_at: null,
      finished_at: null,
      expires_at: null,
      attempts: 0,
      max_attempts: 3,
      progress: 0,
      todo_count: null,
      event_count: null,
      size_bytes: null,
    });
  });

  it('answers the result of an unfinished export with 404 and its status', async () => {
    const { body } = await ctx.http.post('/api/v1/todos/ical').expect(202);
    const response = await ctx.http.get(`/api/v1/todos/ical/${body.task_id}/result`).expect(404);
    expect(response.body).toEqual({
      error: 'Task not finished',
      message: expect.any(String),
      task_status: 'PENDING',
    });
  });

  it.each(['status', 'result'])(
    'answers %s of an unknown or malformed id with a JSON 404',
    async (what) => {
      for (const id of ['8d9e7c52-2f7b-4d35-9a7e-2b9c1c0f5a11', 'not-a-uuid', '1']) {
        const response = await ctx.http.get(`/api/v1/todos/ical/${id}/${what}`).expect(404);
        expect(response.body).toEqual({ error: 'Not Found', message: `No export task ${id}` });
      }
    },
  );
});

describe('GET /todos/ical', () => {
  it('lists recent exports, newest first, limited', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await ctx.http.post('/api/v1/todos/ical').expect(202)).body.task_id);

    const all = await ctx.http.get('/api/v1/todos/ical').expect(200);
    expect(all.body.map((e: { task_id: string }) => e.task_id)).toEqual(ids.reverse());
    const limited = await ctx.http.get('/api/v1/todos/ical?limit=2').expect(200);
    expect(limited.body).toEqual(all.body.slice(0, 2));
    await ctx.http.get('/api/v1/todos/ical?limit=0').expect(400);
  });
});
