import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/test-app.js';

const ctx = useTestApp();
const TODOS = 2_500; // more than two batches of a thousand

async function seed(count: number) {
  await ctx.app.prisma.$executeRaw`
    INSERT INTO todos (title, completed, deadline_at, updated_at)
    SELECT 'Todo ' || n, n % 3 = 0, timestamp '2026-12-01 09:00:00' + n * interval '1 hour', now()
    FROM generate_series(1, ${count}::int) AS n`;
}

describe('a list longer than one batch', () => {
  it('streams every todo, in id order, as one JSON array with its total', async () => {
    await seed(TODOS);
    const response = await ctx.http.get('/api/v1/todos').expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-total-count']).toBe(String(TODOS));
    const ids = (response.body as { id: number }[]).map((todo) => todo.id);
    expect(ids).toEqual(Array.from({ length: TODOS }, (_, i) => i + 1));
    expect(response.body[TODOS - 1]).toEqual({
      id: TODOS,
      title: `Todo ${TODOS}`,
      description: '',
      completed: false,
      deadline_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:00:00$/),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it('streams from an offset, and across batches with a filter', async () => {
    await seed(TODOS);
    const fromOffset = await ctx.http.get('/api/v1/todos?offset=1200').expect(200);
    expect(fromOffset.body).toHaveLength(TODOS - 1200);
    expect(fromOffset.body[0].id).toBe(1201);
    expect(fromOffset.headers['x-total-count']).toBe(String(TODOS));

    const done = await ctx.http.get('/api/v1/todos?completed=true').expect(200);
    expect(done.body).toHaveLength(Math.floor(TODOS / 3));
    expect(
      done.body.every(
        (todo: { id: number; completed: boolean }) => todo.completed && todo.id % 3 === 0,
      ),
    ).toBe(true);
  });

  it('compresses the stream when the client accepts it', async () => {
    await seed(TODOS);
    const response = await ctx.http.get('/api/v1/todos').set('accept-encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body).toHaveLength(TODOS);
  });

  it('is not cached: a todo written behind the API’s back shows at once', async () => {
    await seed(TODOS);
    await ctx.http.get('/api/v1/todos').expect(200);
    await ctx.app.prisma
      .$executeRaw`INSERT INTO todos (title, updated_at) VALUES ('Behind its back', now())`;
    const again = await ctx.http.get('/api/v1/todos').expect(200);
    expect(again.body).toHaveLength(TODOS + 1);
  });

  it('an exact batch is still one whole array', async () => {
    await seed(1_000);
    const response = await ctx.http.get('/api/v1/todos').expect(200);
    expect(response.body).toHaveLength(1_000);
    expect(response.headers['x-total-count']).toBe('1000');
  });
});
