import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ENV, signUp, type Account } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

const ctx = useTestApp(ACCOUNTS_ENV);

const as = (account: Account) => ({
  get: (url: string) => ctx.http.get(url).set('cookie', account.cookie),
  post: (url: string) => ctx.http.post(url).set('cookie', account.cookie),
  put: (url: string) => ctx.http.put(url).set('cookie', account.cookie),
  delete: (url: string) => ctx.http.delete(url).set('cookie', account.cookie),
});

describe('todos of another account', () => {
  it('answer exactly as missing ones: 404 to read and update, 200 deleted:false to delete, and stay as they were', async () => {
    const alice = await signUp(ctx.http);
    const bob = await signUp(ctx.http);
    const todo = (await as(alice).post('/api/v1/todos').send({ title: 'Alice’s' }).expect(201))
      .body;
    const missing = todo.id + 1000;

    for (const id of [todo.id, missing]) {
      const read = await as(bob).get(`/api/v1/todos/${id}`).expect(404);
      expect(read.body).toEqual({ error: 'Not Found', message: `Todo ${id} not found` });
      const update = await as(bob)
        .put(`/api/v1/todos/${id}`)
        .send({ title: 'Bob was here' })
        .expect(404);
      expect(update.body).toEqual({ error: 'Not Found', message: `Todo ${id} not found` });
      expect((await as(bob).delete(`/api/v1/todos/${id}`).expect(200)).body).toEqual({
        id,
        deleted: false,
      });
    }
    expect((await as(bob).get('/api/v1/todos').expect(200)).body).toEqual([]);
    expect((await as(bob).get('/api/v1/todos?limit=10').expect(200)).headers['x-total-count']).toBe(
      '0',
    );
    expect((await as(alice).get(`/api/v1/todos/${todo.id}`).expect(200)).body).toEqual(todo);
  });

  it('never show in a list, also one cached before, and each owner’s writes refresh only their lists', async () => {
    const alice = await signUp(ctx.http);
    const bob = await signUp(ctx.http);
    await as(alice).post('/api/v1/todos').send({ title: 'A1' }).expect(201);
    const titles = async (account: Account) =>
      (await as(account).get('/api/v1/todos').expect(200)).body.map(
        (t: { title: string }) => t.title,
      );
    expect(await titles(alice)).toEqual(['A1']);
    expect(await titles(bob)).toEqual([]);
    await as(bob).post('/api/v1/todos').send({ title: 'B1' }).expect(201);
    expect(await titles(bob)).toEqual(['B1']);
    expect(await titles(alice)).toEqual(['A1']);
  });
});

describe('exports', () => {
  it('record who asked, and an Idempotency-Key is each account’s own', async () => {
    const alice = await signUp(ctx.http);
    const bob = await signUp(ctx.http);
    const start = (account: Account) =>
      as(account).post('/api/v1/todos/ical').set('idempotency-key', 'nightly-2026-03-01').send({});
    const a = (await start(alice).expect(202)).body.task_id;
    const b = (await start(bob).expect(202)).body.task_id;
    expect(b).not.toBe(a);
    // The same account and key: the same export.
    expect((await start(alice).expect(202)).body.task_id).toBe(a);
    const owners = await ctx.app.prisma.calendarExport.findMany({
      where: { id: { in: [a, b] } },
      select: { id: true, ownerId: true },
    });
    expect(Object.fromEntries(owners.map((e) => [e.id, e.ownerId]))).toEqual({
      [a]: alice.user.id,
      [b]: bob.user.id,
    });
  });
});
