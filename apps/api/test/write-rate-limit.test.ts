import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { ACCOUNTS_ENV, signIn, signUp, type Account } from './helpers/accounts.js';
import { useTestApp, type TestApp } from './helpers/test-app.js';
import { until } from './helpers/until.js';

/** A burst of 5 writes, refilled 5 s after the first: longer than any of these tests writes. */
const TINY_LIMITS = { WRITE_BURST: '5', WRITE_RATE_PER_SECOND: '1' } as const;
const BURST = 5;
/** Refusals answered at once, as if every client honoured Retry-After: the hold has tests of its own. */
const NONE_HELD = { WRITE_REFUSALS_HELD_MAX: '0' } as const;

const addTodo = (ctx: TestApp, headers: Record<string, string>, title: string) =>
  ctx.http.post('/api/v1/todos').set(headers).send({ title });
const as = (account: Account) => ({ cookie: account.cookie });

/** Ends every session of `account` from a connection of its own, as another API process would. */
async function revokeSessionsElsewhere(ctx: TestApp, account: Account): Promise<void> {
  const elsewhere = new pg.Client({ connectionString: ctx.database.url });
  await elsewhere.connect();
  try {
    await elsewhere.query('DELETE FROM sessions WHERE user_id = $1', [account.user.id]);
  } finally {
    await elsewhere.end();
  }
}

describe('AUTH_MODE=accounts: writes are rate limited per user', () => {
  const ctx = useTestApp({ ...ACCOUNTS_ENV, ...TINY_LIMITS, ...NONE_HELD });

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

  it('refuses a user over the limit whose identity is cached without a database round trip', async () => {
    const ada = await signUp(ctx.http);
    for (let i = 0; i < BURST; i++) await addTodo(ctx, as(ada), `todo ${i}`).expect(201);
    // Every statement of this process, the LISTEN connection's included, goes through a pg.Client.
    const statements = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const refused = await addTodo(ctx, as(ada), 'one too many').expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(statements).not.toHaveBeenCalled();
      // The spy sees the app's statements: a read is authenticated in full.
      await ctx.http.get('/api/v1/todos').set(as(ada)).expect(200);
      expect(statements).toHaveBeenCalled();
    } finally {
      statements.mockRestore();
    }
  });

  it('still refuses a revoked credential of a user under the limit at once (401)', async () => {
    const ada = await signUp(ctx.http);
    await addTodo(ctx, as(ada), 'cached').expect(201);
    // Revoked by another process: this one hears of it only through the database.
    await revokeSessionsElsewhere(ctx, ada);
    await addTodo(ctx, as(ada), 'after the revocation').expect(401);
  });

  it('answers a revoked credential of a user over the limit 401 once the revocation is heard', async () => {
    const ada = await signUp(ctx.http);
    for (let i = 0; i <= BURST; i++) await addTodo(ctx, as(ada), `todo ${i}`);
    await revokeSessionsElsewhere(ctx, ada);
    // Until its notice arrives, the peek may answer 429 (nothing is written either way); not after.
    await ctx.app.databaseEvents.sync();
    await addTodo(ctx, as(ada), 'after the revocation').expect(401);
  });

  it('does not count sign-ins (they have their own throttle)', async () => {
    const ada = await signUp(ctx.http);
    for (let i = 0; i <= BURST; i++) await signIn(ctx.http, ada);
  });
});

describe('AUTH_MODE=accounts: a user who ignores Retry-After has their refusals held until it', () => {
  /** A burst of 2, refilled 2 s after the first write: a hold lasts up to 2 s. */
  const ctx = useTestApp({
    ...ACCOUNTS_ENV,
    WRITE_BURST: '2',
    WRITE_RATE_PER_SECOND: '1',
    WRITE_REFUSALS_HELD_MAX: '1',
  });
  const timed = async (
    request: () => Promise<{ status: number; headers: Record<string, string> }>,
  ) => {
    const started = performance.now();
    const { status, headers } = await request();
    return { status, retryAfter: Number(headers['retry-after']), ms: performance.now() - started };
  };
  const write = (account: Account, title: string) => timed(() => addTodo(ctx, as(account), title));
  /**
   * Writes until the first refusal; returns between when and when the server
   * told the client to come back (performance.now() ms): it decided between
   * sending the request and the answer's arrival.
   */
  async function overTheLimit(account: Account): Promise<{ earliest: number; latest: number }> {
    for (let i = 0; i < 2; i++) expect((await write(account, `todo ${i}`)).status).toBe(201);
    const sent = performance.now();
    const first = await write(account, 'over');
    expect(first).toMatchObject({ status: 429 });
    expect(first.ms).toBeLessThan(500);
    const wait = first.retryAfter * 1000;
    return { earliest: sent + wait, latest: performance.now() + wait };
  }
  /** Timers may fire a millisecond early, and the server counts on another clock. */
  const CLOCK_SLACK_MS = 20;

  it('answers the first refusal at once, holds the next until its Retry-After, then takes writes', async () => {
    const ada = await signUp(ctx.http);
    const comeBack = await overTheLimit(ada);
    const ignored = await write(ada, 'at once again');
    expect(ignored.status).toBe(429);
    // Held until the moment the first refusal named.
    expect(performance.now()).toBeGreaterThanOrEqual(comeBack.earliest - CLOCK_SLACK_MS);
    expect(ignored.retryAfter).toBe(1);
    expect((await write(ada, 'after the hold')).status).toBe(201);
    expect(await ctx.app.prisma.todo.count({ where: { title: { startsWith: 'at once' } } })).toBe(
      0,
    );
  });

  it('never holds a user who comes back when told, nor anyone else', async () => {
    const [ada, bob] = [await signUp(ctx.http), await signUp(ctx.http)];
    const comeBack = await overTheLimit(ada);
    expect((await write(bob, "bob's")).ms).toBeLessThan(500);
    const honoured = comeBack.latest + CLOCK_SLACK_MS;
    await new Promise((resolve) => setTimeout(resolve, honoured - performance.now()));
    // A new window: its first refusal is answered at once again, and names when to come back.
    const nextComeBack = await overTheLimit(ada);
    expect((await write(ada, 'at once again')).status).toBe(429);
    expect(performance.now()).toBeGreaterThanOrEqual(nextComeBack.earliest - CLOCK_SLACK_MS);
  });

  it('holds WRITE_REFUSALS_HELD_MAX refusals at once and answers the others at once', async () => {
    const ada = await signUp(ctx.http);
    await overTheLimit(ada);
    const [one, other] = await Promise.all([write(ada, 'again 1'), write(ada, 'again 2')]);
    expect([one.status, other.status]).toEqual([429, 429]);
    expect(Math.min(one.ms, other.ms)).toBeLessThan(500);
    expect(Math.max(one.ms, other.ms)).toBeGreaterThanOrEqual(500);
  });

  it('answers held refusals at once when the server closes', async () => {
    const ada = await signUp(ctx.http);
    await overTheLimit(ada);
    const ignored = write(ada, 'while closing');
    // The refusal is held by now, or the close comes first and the request is refused: either way quick.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = ctx.app.close();
    expect((await ignored).ms).toBeLessThan(1000);
    await closed;
  });
});

describe("AUTH_MODE=accounts: one user's writes take turns (WRITE_CONCURRENCY_PER_USER)", () => {
  const ctx = useTestApp({ ...ACCOUNTS_ENV, WRITE_CONCURRENCY_PER_USER: '1' });

  /** Inserts of todos waiting for a lock, as PostgreSQL sees them now (outside any transaction: a transaction sees one snapshot of them). */
  async function waitingInserts(): Promise<number> {
    const observer = new pg.Client({ connectionString: ctx.database.url });
    await observer.connect();
    try {
      const { rows } = await observer.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO todos%'`,
      );
      return rows[0]!.count;
    } finally {
      await observer.end();
    }
  }

  /**
   * Runs `test` while the account's row is locked, as a long write of theirs
   * would hold it (each insert of theirs waits for it); `unlock` commits.
   */
  async function withOwnerRowLocked(
    account: Account,
    test: (unlock: () => Promise<unknown>) => Promise<void>,
  ): Promise<void> {
    const locker = new pg.Client({ connectionString: ctx.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM owner_revisions WHERE owner_id = $1 FOR UPDATE', [
        account.user.id,
      ]);
      await test(() => locker.query('COMMIT'));
    } finally {
      await locker.end();
    }
  }

  it('runs one write of a user at a time: the next waits in the API, not in the database', async () => {
    const ada = await signUp(ctx.http);
    await withOwnerRowLocked(ada, async (unlock) => {
      const writes = [1, 2, 3].map((i) => addTodo(ctx, as(ada), `todo ${i}`).then((r) => r.status));
      await until(async () => (await waitingInserts()) === 1);
      // Time enough for the others to reach the database, if they were let through.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await waitingInserts()).toBe(1);
      await unlock();
      expect(await Promise.all(writes)).toEqual([201, 201, 201]);
    });
  });

  it('gives the turn of a write whose client left while it waited to the next', async () => {
    const ada = await signUp(ctx.http);
    await withOwnerRowLocked(ada, async (unlock) => {
      const first = addTodo(ctx, as(ada), 'first').then((r) => r.status);
      await until(async () => (await waitingInserts()) === 1);
      const leaving = new AbortController();
      const { port } = ctx.app.server.address() as { port: number };
      const left = fetch(`http://127.0.0.1:${port}/api/v1/todos`, {
        method: 'POST',
        headers: { ...as(ada), 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'left' }),
        signal: leaving.signal,
      }).catch(() => 'aborted');
      await new Promise((resolve) => setTimeout(resolve, 200));
      leaving.abort();
      expect(await left).toBe('aborted');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await unlock();
      expect(await first).toBe(201);
      await addTodo(ctx, as(ada), 'next').timeout(3_000).expect(201);
    });
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
