import { formatFloatingDateTime, floatingWallClock } from '@taskoverflow/contracts';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { useTestApp } from '../helpers/test-app.js';

const ctx = useTestApp();

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A floating time `days` from now (negative: in the past). */
function inDays(days: number): string {
  return formatFloatingDateTime(
    new Date(floatingWallClock(new Date()).getTime() + days * 86_400_000),
  );
}

async function create(body: Record<string, unknown>) {
  return (await ctx.http.post('/api/v1/todos').send(body).expect(201)).body;
}

describe('POST /todos', () => {
  it('creates a todo with defaults and points to it', async () => {
    const response = await ctx.http.post('/api/v1/todos').send({ title: 'Buy milk' }).expect(201);

    expect(response.body).toEqual({
      id: 1,
      title: 'Buy milk',
      description: '',
      completed: false,
      deadline_at: null,
      created_at: expect.stringMatching(ISO_INSTANT),
      updated_at: expect.stringMatching(ISO_INSTANT),
    });
    expect(response.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/todos\/1$/);
    await ctx.http
      .get(new URL(response.headers.location as string).pathname)
      .expect(200, response.body);
  });

  it('keeps every field as sent, the deadline as a floating time', async () => {
    const todo = await create({
      title: 'Dentist 🦷',
      description: 'Bring the forms, the card; and a pen\\',
      completed: true,
      deadline_at: '2026-03-01T14:00:00',
    });
    expect(todo).toMatchObject({
      title: 'Dentist 🦷',
      description: 'Bring the forms, the card; and a pen\\',
      completed: true,
      deadline_at: '2026-03-01T14:00:00',
    });
    const [row] = await ctx.app.prisma.$queryRaw<{ deadline: string }[]>`
      SELECT deadline_at::text AS deadline FROM todos WHERE id = ${todo.id as number}`;
    expect(row!.deadline).toBe('2026-03-01 14:00:00');
  });
});

describe('all-day deadlines', () => {
  it('keep a date alone as sent, in every answer, stored as its midnight marked all day', async () => {
    const allDay = await create({ title: 'Pay rent', deadline_at: '2026-03-31' });
    const timed = await create({ title: 'Dentist', deadline_at: '2026-03-31T00:00:00' });
    expect(allDay.deadline_at).toBe('2026-03-31');
    expect(timed.deadline_at).toBe('2026-03-31T00:00:00');
    await ctx.http.get(`/api/v1/todos/${allDay.id}`).expect(200, allDay);
    expect((await ctx.http.get('/api/v1/todos').expect(200)).body).toEqual([allDay, timed]);
    const rows = await ctx.app.prisma.$queryRaw<{ deadline: string; all_day: boolean }[]>`
      SELECT deadline_at::text AS deadline, deadline_all_day AS all_day FROM todos ORDER BY id`;
    expect(rows).toEqual([
      { deadline: '2026-03-31 00:00:00', all_day: true },
      { deadline: '2026-03-31 00:00:00', all_day: false },
    ]);
  });

  it('switch between a date alone and a time of day with PUT, and clear', async () => {
    const todo = await create({ title: 'x', deadline_at: '2026-05-01T09:30:00' });
    const put = (body: object) => ctx.http.put(`/api/v1/todos/${todo.id}`).send(body).expect(200);
    expect((await put({ deadline_at: '2026-05-02' })).body.deadline_at).toBe('2026-05-02');
    // Another field changed leaves the deadline's form alone.
    expect((await put({ title: 'y' })).body.deadline_at).toBe('2026-05-02');
    expect((await put({ deadline_at: '2026-05-02T08:00:00' })).body.deadline_at).toBe(
      '2026-05-02T08:00:00',
    );
    await put({ deadline_at: '2026-05-03' });
    expect((await put({ deadline_at: null })).body.deadline_at).toBeNull();
    const stored = await ctx.app.prisma.todo.findUniqueOrThrow({ where: { id: todo.id } });
    expect(stored).toMatchObject({ deadlineAt: null, deadlineAllDay: false });
  });

  it('are in a window of N days when their day is: today and day N included, day N + 1 not', async () => {
    const day = (days: number) => inDays(days).slice(0, 10);
    const yesterday = await create({ title: 'yesterday', deadline_at: day(-1) });
    const today = await create({ title: 'today', deadline_at: day(0) });
    const inTwo = await create({ title: 'in two days', deadline_at: day(2) });
    await create({ title: 'in three days', deadline_at: day(3) });
    const timed = await create({ title: 'in a day, timed', deadline_at: inDays(1) });

    expect((await ctx.http.get('/api/v1/todos?window=0').expect(200)).body).toEqual([
      yesterday,
      today,
    ]);
    expect((await ctx.http.get('/api/v1/todos?window=2').expect(200)).body).toEqual([
      yesterday,
      today,
      inTwo,
      timed,
    ]);
  });
});

describe('the edit counter (the calendar’s SEQUENCE)', () => {
  const stored = (id: number) => ctx.app.prisma.todo.findUniqueOrThrow({ where: { id } });

  it('is 0 for a new todo and grows by one with every update that changes something', async () => {
    const todo = await create({ title: 'x', deadline_at: '2026-05-01' });
    expect((await stored(todo.id)).sequence).toBe(0);
    const updates = [
      { title: 'y' },
      { completed: true },
      { description: 'more', deadline_at: '2026-05-01T10:00:00' },
      { deadline_at: '2026-05-01' },
    ];
    for (const [index, body] of updates.entries()) {
      await ctx.http.put(`/api/v1/todos/${todo.id}`).send(body).expect(200);
      expect((await stored(todo.id)).sequence).toBe(index + 1);
    }
  });

  it('does not move, nor does updated_at, for an update that changes nothing', async () => {
    const todo = await create({ title: 'x', deadline_at: '2026-05-01' });
    await ctx.http.put(`/api/v1/todos/${todo.id}`).send({ title: 'y' }).expect(200);
    const before = await stored(todo.id);
    for (const body of [{}, { title: 'y' }, { deadline_at: '2026-05-01', completed: false }]) {
      const response = await ctx.http.put(`/api/v1/todos/${todo.id}`).send(body).expect(200);
      expect(response.body.updated_at).toBe(before.updatedAt.toISOString());
    }
    expect(await stored(todo.id)).toEqual(before);
    expect(before.sequence).toBe(1);
  });

  it('tells a date alone from the same day’s midnight as a change', async () => {
    const todo = await create({ title: 'x', deadline_at: '2026-05-01' });
    await ctx.http
      .put(`/api/v1/todos/${todo.id}`)
      .send({ deadline_at: '2026-05-01T00:00:00' })
      .expect(200);
    expect((await stored(todo.id)).sequence).toBe(1);
  });
});

describe('GET /todos', () => {
  it('lists todos ordered by id, with the total', async () => {
    const a = await create({ title: 'a' });
    const b = await create({ title: 'b' });
    const response = await ctx.http.get('/api/v1/todos').expect(200);
    expect(response.body).toEqual([a, b]);
    expect(response.headers['x-total-count']).toBe('2');
  });

  it('filters by completion', async () => {
    const open = await create({ title: 'open' });
    const done = await create({ title: 'done', completed: true });
    expect((await ctx.http.get('/api/v1/todos?completed=true').expect(200)).body).toEqual([done]);
    expect((await ctx.http.get('/api/v1/todos?completed=false').expect(200)).body).toEqual([open]);
  });

  it('filters by a deadline window of N days, past deadlines included', async () => {
    const overdue = await create({ title: 'overdue', deadline_at: inDays(-3) });
    const soon = await create({ title: 'soon', deadline_at: inDays(2) });
    await create({ title: 'later', deadline_at: inDays(10) });
    await create({ title: 'no deadline' });

    expect((await ctx.http.get('/api/v1/todos?window=5').expect(200)).body).toEqual([
      overdue,
      soon,
    ]);
    expect((await ctx.http.get('/api/v1/todos?window=0').expect(200)).body).toEqual([overdue]);
    expect((await ctx.http.get('/api/v1/todos?window=5&completed=true').expect(200)).body).toEqual(
      [],
    );
  });

  it('pages with limit and offset, counting every match', async () => {
    const todos = [];
    for (const title of ['1', '2', '3', '4', '5']) todos.push(await create({ title }));

    const page = await ctx.http.get('/api/v1/todos?limit=2&offset=2').expect(200);
    expect(page.body).toEqual(todos.slice(2, 4));
    expect(page.headers['x-total-count']).toBe('5');
    expect((await ctx.http.get('/api/v1/todos?offset=4').expect(200)).body).toEqual(todos.slice(4));
  });
});

describe('GET /todos/:id', () => {
  it('returns the todo', async () => {
    const todo = await create({ title: 'x' });
    await ctx.http.get(`/api/v1/todos/${todo.id}`).expect(200, todo);
  });

  it('answers 404 with a JSON error for a missing todo', async () => {
    const response = await ctx.http.get('/api/v1/todos/999').expect(404);
    expect(response.body).toEqual({ error: 'Not Found', message: 'Todo 999 not found' });
  });
});

describe('PUT /todos/:id', () => {
  it('updates only the fields sent', async () => {
    const todo = await create({
      title: 'x',
      description: 'keep me',
      deadline_at: '2026-05-01T09:30:00',
    });
    const response = await ctx.http
      .put(`/api/v1/todos/${todo.id}`)
      .send({ completed: true })
      .expect(200);

    expect(response.body).toMatchObject({
      ...todo,
      completed: true,
      updated_at: expect.stringMatching(ISO_INSTANT),
    });
    expect(Date.parse(response.body.updated_at)).toBeGreaterThanOrEqual(
      Date.parse(todo.updated_at),
    );
    await ctx.http.get(`/api/v1/todos/${todo.id}`).expect(200, response.body);
  });

  it('clears the deadline with null', async () => {
    const todo = await create({ title: 'x', deadline_at: '2026-05-01T09:30:00' });
    const response = await ctx.http
      .put(`/api/v1/todos/${todo.id}`)
      .send({ deadline_at: null })
      .expect(200);
    expect(response.body.deadline_at).toBeNull();
  });

  it('answers 404 for a missing todo', async () => {
    const response = await ctx.http.put('/api/v1/todos/999').send({ title: 'y' }).expect(404);
    expect(response.body).toEqual({ error: 'Not Found', message: 'Todo 999 not found' });
  });
});

describe('DELETE /todos/:id', () => {
  it('deletes the todo, and succeeds again when it is already gone', async () => {
    const todo = await create({ title: 'x' });
    await ctx.http.delete(`/api/v1/todos/${todo.id}`).expect(200, { id: todo.id, deleted: true });
    await ctx.http.get(`/api/v1/todos/${todo.id}`).expect(404);
    await ctx.http.delete(`/api/v1/todos/${todo.id}`).expect(200, { id: todo.id, deleted: false });
  });
});

describe('request ids', () => {
  it('echoes the caller’s request id, or makes one', async () => {
    await ctx.http
      .get('/api/v1/health')
      .set('x-request-id', 'abc-123')
      .expect('x-request-id', 'abc-123');
    const response = await ctx.http.get('/api/v1/health');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('lists and other API processes', () => {
  it("shows a todo created through another API process in the very next list, though this one's was cached", async () => {
    const other = await buildApp(ctx.config);
    await other.ready();
    try {
      await create({ title: 'mine' });
      await ctx.http.get('/api/v1/todos').expect(200);
      await supertest(other.server).post('/api/v1/todos').send({ title: 'theirs' }).expect(201);

      const titles: string[] = (await ctx.http.get('/api/v1/todos').expect(200)).body.map(
        (t: { title: string }) => t.title,
      );
      expect(titles).toEqual(['mine', 'theirs']);
    } finally {
      await other.close();
    }
  });
});
