import { describe, expect, it } from 'vitest';
import { snapshotTodos, useTestApp } from '../helpers/test-app.js';

const ctx = useTestApp({ BODY_LIMIT_BYTES: '4096' });

/**
 * Sends a bad request against a table holding one todo and checks the answer is
 * a 4xx JSON error that changed nothing.
 */
async function expectRejected(
  send: (
    existingId: number,
  ) => Promise<{ status: number; body: unknown; headers: Record<string, string> }>,
  status: number,
  body: Record<string, unknown>,
) {
  await ctx.http
    .post('/api/v1/todos')
    .send({ title: 'existing', deadline_at: '2026-03-01T14:00:00' })
    .expect(201);
  const before = await snapshotTodos(ctx.app);

  const response = await send(before[0]!.id);

  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toMatchObject(body);
  expect(await snapshotTodos(ctx.app)).toEqual(before);
}

const post = (body: unknown) => () => ctx.http.post('/api/v1/todos').send(body as object);
const put = (body: unknown) => (id: number) =>
  ctx.http.put(`/api/v1/todos/${id}`).send(body as object);

describe('rejected creations', () => {
  it.each([
    ['a missing title', {}, { title: 'is required' }],
    ['an empty title', { title: '' }, { title: 'must not be empty' }],
    ['a blank title', { title: '   ' }, { title: 'must not be empty' }],
    ['a title too long', { title: 'x'.repeat(501) }, { title: 'must be at most 500 characters' }],
    ['an unknown field', { title: 'x', priority: 1 }, { priority: 'is not allowed' }],
    ['an id', { id: 5, title: 'x' }, { id: 'is not allowed' }],
    ['a title of the wrong type', { title: 42 }, { title: 'must be string' }],
    ['completed as a string', { title: 'x', completed: 'true' }, { completed: 'must be boolean' }],
    [
      'an impossible date',
      { title: 'x', deadline_at: '2026-02-30T10:00:00' },
      { deadline_at: expect.stringMatching(/real date/) },
    ],
    [
      'a date with an offset',
      { title: 'x', deadline_at: '2026-03-01T10:00:00Z' },
      { deadline_at: expect.stringMatching(/no time zone/) },
    ],
    [
      'a date that is not a date',
      { title: 'x', deadline_at: 'tomorrow' },
      { deadline_at: expect.stringMatching(/real date/) },
    ],
    [
      'an impossible day alone',
      { title: 'x', deadline_at: '2026-02-30' },
      { deadline_at: expect.stringMatching(/real date like 2026-03-01 \(all day\)/) },
    ],
    [
      'month 13 alone',
      { title: 'x', deadline_at: '2026-13-01' },
      { deadline_at: expect.stringMatching(/real date/) },
    ],
    [
      'a date and time without seconds',
      { title: 'x', deadline_at: '2026-03-01T10:00' },
      { deadline_at: expect.stringMatching(/real date/) },
    ],
    ['a numeric date', { title: 'x', deadline_at: 1772373600 }, { deadline_at: 'must be string' }],
    ['an array body', [{ title: 'x' }], { body: 'must be object' }],
  ])('%s', async (_, body, fields) => {
    await expectRejected(post(body), 400, {
      error: 'Bad Request',
      message: expect.any(String),
      fields,
    });
  });

  it('malformed JSON', async () => {
    await expectRejected(
      () =>
        ctx.http
          .post('/api/v1/todos')
          .set('content-type', 'application/json')
          .send('{"title": "x",'),
      400,
      { error: 'Bad Request', message: expect.stringMatching(/JSON/) },
    );
  });

  it('a body over the size limit', async () => {
    await expectRejected(post({ title: 'x', description: 'y'.repeat(5000) }), 413, {
      error: 'Payload Too Large',
      message: expect.any(String),
    });
  });

  it('a body that is not JSON', async () => {
    await expectRejected(
      () => ctx.http.post('/api/v1/todos').set('content-type', 'text/xml').send('<todo/>'),
      415,
      { error: 'Unsupported Media Type' },
    );
  });
});

describe('rejected updates', () => {
  it.each([
    ['an id in the body', { id: 9, title: 'y' }, { id: 'is not allowed' }],
    ['an unknown field', { done: true }, { done: 'is not allowed' }],
    ['an empty title', { title: '' }, { title: 'must not be empty' }],
    ['a wrong type', { completed: 1 }, { completed: 'must be boolean' }],
    [
      'an impossible date',
      { deadline_at: '2026-04-31T00:00:00' },
      { deadline_at: expect.stringMatching(/real date/) },
    ],
    [
      'an impossible day alone',
      { deadline_at: '2026-02-30' },
      { deadline_at: expect.stringMatching(/real date/) },
    ],
    ['month 13 alone', { deadline_at: '2026-13-01' }, { deadline_at: expect.any(String) }],
  ])('%s', async (_, body, fields) => {
    await expectRejected(put(body), 400, { error: 'Bad Request', fields });
  });

  it('malformed JSON', async () => {
    await expectRejected(
      (id) =>
        ctx.http
          .put(`/api/v1/todos/${id}`)
          .set('content-type', 'application/json')
          .send('not json'),
      400,
      { error: 'Bad Request' },
    );
  });
});

describe('rejected ids and queries', () => {
  it.each([
    ['GET a non-numeric id', () => ctx.http.get('/api/v1/todos/abc')],
    ['PUT a non-numeric id', () => ctx.http.put('/api/v1/todos/abc').send({ title: 'y' })],
    ['DELETE a non-numeric id', () => ctx.http.delete('/api/v1/todos/abc')],
    ['DELETE a negative id', () => ctx.http.delete('/api/v1/todos/-1')],
    ['DELETE an id beyond the integer range', () => ctx.http.delete('/api/v1/todos/99999999999')],
    ['a negative window', () => ctx.http.get('/api/v1/todos?window=-1')],
    ['a non-numeric window', () => ctx.http.get('/api/v1/todos?window=soon')],
    ['a fractional window', () => ctx.http.get('/api/v1/todos?window=1.5')],
    ['a non-boolean completed', () => ctx.http.get('/api/v1/todos?completed=maybe')],
    ['a limit of zero', () => ctx.http.get('/api/v1/todos?limit=0')],
    ['a limit too large', () => ctx.http.get('/api/v1/todos?limit=100000')],
    ['a negative offset', () => ctx.http.get('/api/v1/todos?offset=-5')],
    ['an unknown query parameter', () => ctx.http.get('/api/v1/todos?sort=title')],
  ])('%s', async (_, send) => {
    await expectRejected(send, 400, {
      error: 'Bad Request',
      message: expect.any(String),
      fields: expect.any(Object),
    });
  });
});
