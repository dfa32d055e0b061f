import { startWorker } from '@taskoverflow/worker';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { ACCOUNTS_ENV, signIn, signUp, tokenOf, type Account } from './helpers/accounts.js';
import { fetchUntil } from './helpers/fetch-until.js';
import { useTestApp } from './helpers/test-app.js';
import { testWorkerConfig } from './helpers/test-worker.js';

/** AUTH_MODE=accounts with every quota at 2 (and no worker: exports stay waiting). */
const ctx = useTestApp({
  ...ACCOUNTS_ENV,
  QUOTA_TODOS: '2',
  QUOTA_FEEDS: '2',
  QUOTA_API_TOKENS: '2',
  QUOTA_SESSIONS: '2',
  QUOTA_ACTIVE_EXPORTS: '2',
});

const as = (account: Account) => ({ cookie: account.cookie });

/** The 403 of going beyond `quota`, whose setting is `setting`, at 2. */
const beyond = (quota: string, setting: string, counts: string) => ({
  error: `Quota exceeded: at most 2 ${counts} per user`,
  quota,
  limit: 2,
  setting,
});

async function count(account: Account, path: string): Promise<number> {
  const { body } = await ctx.http.get(path).set(as(account)).expect(200);
  return (body as unknown[]).length;
}

describe('the todos quota (QUOTA_TODOS)', () => {
  it('refuses a todo beyond it with a 403 that names it, and changes nothing', async () => {
    const ada = await signUp(ctx.http);
    for (const title of ['one', 'two'])
      await ctx.http.post('/api/v1/todos').set(as(ada)).send({ title }).expect(201);
    const refused = await ctx.http
      .post('/api/v1/todos')
      .set(as(ada))
      .send({ title: 'three' })
      .expect(403);
    expect(refused.body).toEqual(beyond('todos', 'QUOTA_TODOS', 'todos'));
    expect(await count(ada, '/api/v1/todos')).toBe(2);
    expect(await ctx.app.prisma.todo.count({ where: { title: 'three' } })).toBe(0);
  });

  it('is per user, and frees a place when a todo is deleted', async () => {
    const [ada, bob] = [await signUp(ctx.http), await signUp(ctx.http)];
    const ids: number[] = [];
    for (const title of ['one', 'two']) {
      const { body } = await ctx.http
        .post('/api/v1/todos')
        .set(as(ada))
        .send({ title })
        .expect(201);
      ids.push(body.id);
    }
    await ctx.http.post('/api/v1/todos').set(as(bob)).send({ title: 'bob’s' }).expect(201);
    await ctx.http.delete(`/api/v1/todos/${ids[0]}`).set(as(ada)).expect(200);
    await ctx.http.post('/api/v1/todos').set(as(ada)).send({ title: 'three' }).expect(201);
  });

  it('holds against requests at once: exactly the quota is created', async () => {
    const ada = await signUp(ctx.http);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ctx.http
          .post('/api/v1/todos')
          .set(as(ada))
          .send({ title: `todo ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 403, 403, 403, 403, 403, 403]);
    expect(await count(ada, '/api/v1/todos')).toBe(2);
  });
});

describe('the feeds quota (QUOTA_FEEDS)', () => {
  it('refuses a feed beyond it with a 403 that names it, and creates nothing', async () => {
    const ada = await signUp(ctx.http);
    for (let i = 0; i < 2; i++)
      await ctx.http.post('/api/v1/feeds').set(as(ada)).send({}).expect(201);
    const refused = await ctx.http.post('/api/v1/feeds').set(as(ada)).send({}).expect(403);
    expect(refused.body).toEqual(beyond('feeds', 'QUOTA_FEEDS', 'calendar feeds'));
    expect(await count(ada, '/api/v1/feeds')).toBe(2);
    expect(await ctx.app.prisma.calendarFeed.count()).toBe(2);
  });

  it('is per user, and frees a place when a feed is deleted', async () => {
    const [ada, bob] = [await signUp(ctx.http), await signUp(ctx.http)];
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { body } = await ctx.http.post('/api/v1/feeds').set(as(ada)).send({}).expect(201);
      ids.push(body.id);
    }
    await ctx.http.post('/api/v1/feeds').set(as(bob)).send({}).expect(201);
    await ctx.http.delete(`/api/v1/feeds/${ids[0]}`).set(as(ada)).expect(204);
    await ctx.http.post('/api/v1/feeds').set(as(ada)).send({}).expect(201);
  });

  it('holds against requests at once: exactly the quota is created', async () => {
    const ada = await signUp(ctx.http);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => ctx.http.post('/api/v1/feeds').set(as(ada)).send({})),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 403, 403, 403, 403, 403, 403]);
    expect(await count(ada, '/api/v1/feeds')).toBe(2);
  });
});

describe('the API tokens quota (QUOTA_API_TOKENS)', () => {
  it('refuses a token beyond it with a 403 that names it, and creates nothing', async () => {
    const ada = await signUp(ctx.http);
    for (const name of ['one', 'two']) await tokenOf(ctx.http, ada, { name });
    const refused = await ctx.http
      .post('/api/v1/auth/tokens')
      .set(as(ada))
      .send({ name: 'three', current_password: ada.password })
      .expect(403);
    expect(refused.body).toEqual(beyond('api_tokens', 'QUOTA_API_TOKENS', 'API tokens'));
    expect(await count(ada, '/api/v1/auth/tokens')).toBe(2);
    expect(await ctx.app.prisma.apiToken.count({ where: { name: 'three' } })).toBe(0);
  });
});

describe('the sessions quota (QUOTA_SESSIONS)', () => {
  it('ends the oldest session at a sign-in beyond it, instead of refusing', async () => {
    const ada = await signUp(ctx.http);
    // Used once, so that this process holds it as a known identity.
    await ctx.http.get('/api/v1/auth/me').set(as(ada)).expect(200);
    const second = await signIn(ctx.http, ada);
    const third = await signIn(ctx.http, ada);
    await vi.waitFor(
      async () => expect((await ctx.http.get('/api/v1/auth/me').set(as(ada))).status).toBe(401),
      { timeout: 5_000, interval: 25 },
    );
    for (const cookie of [second, third])
      await ctx.http.get('/api/v1/auth/me').set('cookie', cookie).expect(200);
    expect(await ctx.app.prisma.session.count({ where: { userId: ada.user.id } })).toBe(2);
  });

  it('keeps each user’s sessions apart', async () => {
    const [ada, bob] = [await signUp(ctx.http), await signUp(ctx.http)];
    await signIn(ctx.http, ada);
    await signIn(ctx.http, ada);
    await ctx.http.get('/api/v1/auth/me').set(as(bob)).expect(200);
  });
});

describe('the active exports quota (QUOTA_ACTIVE_EXPORTS)', () => {
  const start = (account: Account, body: object) =>
    ctx.http.post('/api/v1/todos/ical').set(as(account)).send(body);
  const exportsOf = (account: Account) =>
    ctx.app.prisma.calendarExport.count({ where: { ownerId: account.user.id } });

  it('counts only exports waiting or running: a reused calendar is served, an ended export frees a place', async () => {
    const ada = await signUp(ctx.http);
    await ctx.http
      .post('/api/v1/todos')
      .set(as(ada))
      .send({ title: 'Dentist', deadline_at: '2026-09-01T09:00:00' })
      .expect(201);
    // A finished calendar of every todo, by a real worker, stopped afterwards.
    const worker = await startWorker(testWorkerConfig(ctx), { logger: pino({ level: 'silent' }) });
    try {
      const { body } = await start(ada, {}).expect(202);
      await fetchUntil(
        ctx.http,
        `/api/v1/todos/ical/${body.task_id}/status`,
        (r) => r.body.task_status === 'SUCCESS',
        as(ada),
      );
    } finally {
      await worker.stop();
    }
    // Two waiting (a window is never served from an earlier calendar).
    const waiting: string[] = [];
    for (let i = 0; i < 2; i++)
      waiting.push((await start(ada, { window: 7 }).expect(202)).body.task_id);
    const jobs = await ctx.app.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker._private_jobs`;

    const refused = await start(ada, { window: 7 }).expect(403);
    expect(refused.body).toEqual(
      beyond('active_exports', 'QUOTA_ACTIVE_EXPORTS', 'exports waiting or running'),
    );
    expect(await exportsOf(ada)).toBe(3);
    expect(
      await ctx.app.prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker._private_jobs`,
    ).toEqual(jobs);

    // The todos have not changed: the finished calendar is served again, waiting for nothing.
    const reused = await start(ada, {}).expect(202);
    const { body: status } = await ctx.http
      .get(`/api/v1/todos/ical/${reused.body.task_id}/status`)
      .set(as(ada))
      .expect(200);
    expect(status.task_status).toBe('SUCCESS');

    // Another user is not held back by Ada's.
    const bob = await signUp(ctx.http);
    await start(bob, { window: 7 }).expect(202);

    // An ended (cancelled) export no longer counts.
    await ctx.http.post(`/api/v1/monitor/exports/${waiting[0]}/cancel`).set(as(ada)).expect(200);
    await start(ada, { window: 7 }).expect(202);
    await start(ada, { window: 7 }).expect(403);
  });
});
