import { LOCAL_OWNER_ID } from '@taskoverflow/db';
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

describe('the first account', () => {
  it('is admin and takes what the local owner had, todos and exports, as they were; later ones are members with nothing', async () => {
    // Made in AUTH_MODE=local: owned by the local owner.
    const local = await ctx.app.prisma.todo.create({ data: { title: 'Made before accounts' } });
    expect(local.ownerId).toBe(LOCAL_OWNER_ID);
    const localExport = await ctx.app.exportStore.create({
      ownerId: LOCAL_OWNER_ID,
      selection: {},
      maxAttempts: 1,
      idempotencyKey: 'from local mode',
    });

    const first = await signUp(ctx.http);
    expect(first.user.role).toBe('admin');
    const todos = await as(first).get('/api/v1/todos').expect(200);
    expect(todos.body).toEqual([
      expect.objectContaining({
        id: local.id,
        title: 'Made before accounts',
        updated_at: local.updatedAt.toISOString(),
      }),
    ]);
    expect(
      (await ctx.app.prisma.calendarExport.findUniqueOrThrow({ where: { id: localExport.id } }))
        .ownerId,
    ).toBe(first.user.id);
    // The local owner keeps its row (AUTH_MODE=local still has someone to be), now with nothing.
    expect(await ctx.app.prisma.todo.count({ where: { ownerId: LOCAL_OWNER_ID } })).toBe(0);

    const second = await signUp(ctx.http);
    expect(second.user.role).toBe('member');
    expect((await as(second).get('/api/v1/todos').expect(200)).body).toEqual([]);
    expect((await as(first).get('/api/v1/todos').expect(200)).body).toHaveLength(1);
  });

  it('is decided once when two sign up at the same moment', async () => {
    const accounts = await Promise.all([signUp(ctx.http), signUp(ctx.http), signUp(ctx.http)]);
    expect(accounts.map((account) => account.user.role).sort()).toEqual([
      'admin',
      'member',
      'member',
    ]);
  });
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
