import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ENV, signIn, signUp, type Account } from './helpers/accounts.js';
import { useTestApp, type TestApp } from './helpers/test-app.js';

/** A burst of 5 writes, refilled 5 s after the first: longer than any of these tests writes. */
const TINY_LIMITS = { WRITE_BURST: '5', WRITE_RATE_PER_SECOND: '1' } as const;
const BURST = 5;

const addTodo = (ctx: TestApp, headers: Record<string, string>, title: string) =>
  ctx.http.post('/api/v1/todos').set(headers).send({ title });

describe('AUTH_MODE=accounts: writes are rate limited per user', () => {
  const ctx = useTestApp({ ...ACCOUNTS_ENV, ...TINY_LIMITS });
  const as = (account: Account) => ({ cookie: account.cookie });

  it('answers 429 with Retry-After after the burst, changes nothing, and still answers reads', async () => {
    const ada = await signUp(ctx.http);
    for (let i = 0; i < BURST; i++) await addTodo(ctx, as(ada), `todo ${i}`).expect(201);

    const refused = await addTodo(ctx, as(ada), 'one too many').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(BURST);
    expect(refused.body).toMatchObject({
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Too many writes; try again in \d+ seconds$/),
    });
    expect(await ctx.app.prisma.todo.count({ where: { title: 'one too many' } })).toBe(0);
    // Every kind of write counts, not only todos.
    await ctx.http.post('/api/v1/feeds').set(as(ada)).send({}).expect(429);
    await ctx.http.get('/api/v1/todos').set(as(ada)).expect(200);
  });

  it('counts each user apart: another user is unaffected', async () => {
    const [ada, bob] = [await signUp(ctx.http), await signUp(ctx.http)];
    for (let i = 0; i <= BURST; i++) await addTodo(ctx, as(ada), `ada ${i}`);
    await addTodo(ctx, as(ada), 'ada again').expect(429);
    await addTodo(ctx, as(bob), 'bob').expect(201);
  });

  it('does not count sign-ins (they have their own throttle)', async () => {
    const ada = await signUp(ctx.http);
    for (let i = 0; i <= BURST; i++) await signIn(ctx.http, ada);
  });
});

describe('AUTH_MODE=local: one user, no neighbour, so no write limit and no quotas', () => {
  const ctx = useTestApp({
    ...TINY_LIMITS,
    QUOTA_FEEDS: '1',
    QUOTA_ACTIVE_EXPORTS: '1',
  });

  it('takes writes beyond the burst', async () => {
    for (let i = 0; i < BURST * 2; i++) await addTodo(ctx, {}, `todo ${i}`).expect(201);
  });

  it('takes feeds and waiting exports beyond their quotas', async () => {
    for (let i = 0; i < 3; i++) await ctx.http.post('/api/v1/feeds').send({}).expect(201);
    for (let i = 0; i < 3; i++)
      await ctx.http.post('/api/v1/todos/ical').send({ window: 7 }).expect(202);
  });
});
