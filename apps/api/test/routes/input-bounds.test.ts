import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { snapshotStoredState } from '../fuzz/stored-state.js';
import { useTestApp } from '../helpers/test-app.js';

/**
 * The holes the hostile-input fuzzer found (test/fuzz), one by one: each was a
 * 500 or a silently altered value, and is now a 400 naming the field.
 */
const ctx = useTestApp();

type Send = (existing: {
  todoId: number;
  taskId: string;
}) => PromiseLike<{ status: number; body: unknown; headers: Record<string, string> }>;

async function expectRejected(send: Send, fields: Record<string, unknown>) {
  const todo = await ctx.http.post('/api/v1/todos').send({ title: 'existing' }).expect(201);
  const exported = await ctx.http.post('/api/v1/todos/ical').expect(202);
  const before = await snapshotStoredState(ctx.app);

  const response = await send({ todoId: todo.body.id, taskId: exported.body.task_id });

  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toMatchObject({
    error: 'Bad Request',
    message: expect.any(String),
    fields,
  });
  expect(await snapshotStoredState(ctx.app)).toEqual(before);
}

const CONTROL_CHARACTERS = expect.stringMatching(/control characters/);
const get = (path: string) => () => ctx.http.get(path);

describe('text that PostgreSQL cannot hold, or that would be stored altered', () => {
  it.each([
    ['a NUL in a title', { title: 'a\u0000b' }, { title: CONTROL_CHARACTERS }],
    [
      'a NUL in a description',
      { title: 'x', description: 'a\u0000b' },
      { description: CONTROL_CHARACTERS },
    ],
    ['an escape sequence in a title', { title: '\u001b[31mred' }, { title: CONTROL_CHARACTERS }],
    ['a C1 control character in a title', { title: 'a\u0085b' }, { title: CONTROL_CHARACTERS }],
    ['a lone surrogate in a title', { title: 'a\ud800b' }, { title: CONTROL_CHARACTERS }],
  ])('%s', async (_, body, fields) => {
    await expectRejected(() => ctx.http.post('/api/v1/todos').send(body), fields);
  });

  it('a NUL in an update', async () => {
    await expectRejected(
      ({ todoId }) => ctx.http.put(`/api/v1/todos/${todoId}`).send({ title: 'a\u0000b' }),
      {
        title: CONTROL_CHARACTERS,
      },
    );
  });

  it('keeps tabs and line breaks, and characters beyond the BMP, in titles and descriptions', async () => {
    const text = 'first line\r\nsecond\tline \ud83d\ude00';
    const { body } = await ctx.http
      .post('/api/v1/todos')
      .send({ title: text, description: text })
      .expect(201);
    expect(body).toMatchObject({ title: text, description: text });
  });
});

describe('numbers JavaScript or PostgreSQL cannot hold', () => {
  it.each([
    ['an offset beyond any table', '/api/v1/todos?offset=100000000000000000000&limit=1', 'offset'],
    ['an infinite window', '/api/v1/todos?window=Infinity', 'window'],
    ['an overflowing limit', '/api/v1/todos?limit=1e400', 'limit'],
    ['an overflowing export list limit', '/api/v1/todos/ical?limit=Infinity', 'limit'],
    ['a negative infinite monitor limit', '/api/v1/monitor/exports?limit=-Infinity', 'limit'],
    ['an overflowing id', '/api/v1/todos/1e400', 'id'],
    ['a hexadecimal id', '/api/v1/todos/0x10', 'id'],
    ['an id in exponent notation', '/api/v1/todos/1e0', 'id'],
  ])('%s', async (_, path, field) => {
    await expectRejected(get(path), { [field]: expect.any(String) });
  });

  it.each(['put', 'delete'] as const)('an overflowing id to %s', async (method) => {
    await expectRejected(() => ctx.http[method]('/api/v1/todos/-1e400').send({}), {
      id: expect.any(String),
    });
  });

  it('accepts the largest offset, which pages past every row', async () => {
    const response = await ctx.http.get('/api/v1/todos?offset=2147483647&limit=1').expect(200);
    expect(response.body).toEqual([]);
  });
});

describe('export requests', () => {
  it('a JSON null body is not "no body"', async () => {
    await expectRejected(
      () =>
        ctx.http.post('/api/v1/todos/ical').set('content-type', 'application/json').send('null'),
      { body: 'must be object' },
    );
  });

  it.each([
    ['a key beyond printable ASCII', 'clé'],
    ['a key too long', 'k'.repeat(256)],
  ])('an Idempotency-Key: %s', async (_, key) => {
    await expectRejected(
      () => ctx.http.post('/api/v1/todos/ical').set('idempotency-key', key).send({}),
      {
        'idempotency-key': expect.any(String),
      },
    );
  });

  it('a task id longer than the router takes is refused before it is looked at', async () => {
    const response = await ctx.http.get(`/api/v1/todos/ical/${'a'.repeat(101)}/status`);
    // 414 from the router; 404 when the built web app is served, whose catch-all route then answers first.
    expect([404, 414]).toContain(response.status);
    expect(response.body).toEqual({
      error: response.status === 414 ? 'URI Too Long' : 'Not Found',
      message: expect.any(String),
    });
  });
});

describe("the router's own refusals", () => {
  it('come in the one error shape, before any route sees them', async () => {
    // Without the web app, whose catch-all route would answer these first.
    const app = await buildApp(ctx.config, { webDistDir: '/nonexistent' });
    try {
      const long = await app.inject({ url: `/api/v1/todos/ical/${'a'.repeat(101)}/status` });
      expect([long.statusCode, long.json()]).toEqual([
        414,
        { error: 'URI Too Long', message: expect.stringContaining('max param length') },
      ]);
      const bad = await app.inject({ url: '/api/v1/todos/%zz' });
      expect([bad.statusCode, bad.json()]).toEqual([
        400,
        { error: 'Bad Request', message: expect.stringContaining('not a valid url') },
      ]);
    } finally {
      await app.close();
    }
  });
});
