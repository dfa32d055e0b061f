import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { connectEventStream, type ReceivedEvent } from '../../../src/testing/index.js';
import { ACCOUNTS_ENV, bearerOf, signIn, signUp, tokenOf } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';
import { until } from '../../helpers/until.js';

const ctx = useTestApp(ACCOUNTS_ENV);

/** A second API process on the same database, with its own identity cache. */
let other: FastifyInstance;
let otherHttp: ReturnType<typeof supertest>;
beforeAll(async () => {
  other = await buildApp(ctx.config);
  await other.listen({ host: '127.0.0.1', port: 0 });
  otherHttp = supertest(other.server);
  await until(async () => ctx.app.databaseEvents.listening && other.databaseEvents.listening);
});
afterAll(() => other?.close());

/** An event stream of the other process, open once it says it is live. */
async function otherStream(auth: Record<string, string>) {
  const { port } = other.server.address() as { port: number };
  const stream = await connectEventStream(`http://127.0.0.1:${port}/api/v1/monitor/events`, auth);
  expect(stream.response.status).toBe(200);
  await stream.waitFor((events: ReceivedEvent[]) => events.some((e) => e.event === 'ready'));
  return stream;
}

/** Resolves with how long the stream took to end (ms); fails if it stays open for 5 s. */
async function endOf(stream: Awaited<ReturnType<typeof otherStream>>): Promise<number> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the stream is still open')), 5_000);
  });
  await Promise.race([stream.ended, timeout]).finally(() => clearTimeout(timer));
  return Date.now() - start;
}

/** Whether the stream is still open a moment after (it would have ended by then). */
async function stillOpen(stream: Awaited<ReturnType<typeof otherStream>>): Promise<boolean> {
  const ended = await Promise.race([
    stream.ended.then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 300)),
  ]);
  return !ended;
}

const status = async (http: ReturnType<typeof supertest>, header: [string, string]) =>
  (await http.get('/api/v1/todos').set(...header)).status;

describe('a credential ended in one API process', () => {
  it('is refused by the others within milliseconds, though they had it cached', async () => {
    const account = await signUp(ctx.http);
    const bearer = await bearerOf(ctx.http, account);
    const second = await signIn(ctx.http, account);
    // Both cached in the other process.
    expect(await status(otherHttp, ['authorization', bearer])).toBe(200);
    expect(await status(otherHttp, ['cookie', second])).toBe(200);

    const [token] = (await ctx.http.get('/api/v1/auth/tokens').set('cookie', account.cookie)).body;
    await ctx.http
      .delete(`/api/v1/auth/tokens/${token.id}`)
      .set('cookie', account.cookie)
      .expect(204);
    const tokenDelay = await until(
      async () => (await status(otherHttp, ['authorization', bearer])) === 401,
    );

    await ctx.http.post('/api/v1/auth/sign-out').set('cookie', second).expect(204);
    const sessionDelay = await until(
      async () => (await status(otherHttp, ['cookie', second])) === 401,
    );
    expect(Math.max(tokenDelay, sessionDelay)).toBeLessThan(1_000);
    // The account's other session still works there.
    expect(await status(otherHttp, ['cookie', account.cookie])).toBe(200);
  });

  it('is refused at once, with no notification at all, by a process that cannot hear them (no cache)', async () => {
    const account = await signUp(ctx.http);
    const bearer = await bearerOf(ctx.http, account);
    const deaf = await buildApp(ctx.config);
    try {
      await deaf.ready();
      await deaf.databaseEvents.close();
      expect(deaf.databaseEvents.listening).toBe(false);
      const ask = () => deaf.inject({ url: '/api/v1/todos', headers: { authorization: bearer } });
      expect((await ask()).statusCode).toBe(200);
      // Behind the API's back: a process that cached the token would still take it.
      await ctx.app.prisma
        .$executeRaw`DELETE FROM api_tokens WHERE user_id = ${account.user.id}::uuid`;
      expect((await ask()).statusCode).toBe(401);
    } finally {
      await deaf.close();
    }
  });
});

describe('the event streams of a credential ended in another API process', () => {
  it('end when it signs out or a token is revoked, and the others stay open', async () => {
    const account = await signUp(ctx.http);
    const second = await signIn(ctx.http, account);
    const token = await tokenOf(ctx.http, account, { scope: 'read' });
    const bySession = await otherStream({ cookie: second });
    const byToken = await otherStream({ authorization: `Bearer ${token.token}` });
    const byKept = await otherStream({ cookie: account.cookie });
    try {
      await ctx.http.post('/api/v1/auth/sign-out').set('cookie', second).expect(204);
      expect(await endOf(bySession)).toBeLessThan(1_000);
      expect(await stillOpen(byToken)).toBe(true);

      await ctx.http
        .delete(`/api/v1/auth/tokens/${token.id}`)
        .set('cookie', account.cookie)
        .expect(204);
      expect(await endOf(byToken)).toBeLessThan(1_000);
      expect(await stillOpen(byKept)).toBe(true);
      // And the other process refuses both at once.
      expect(await status(otherHttp, ['cookie', second])).toBe(401);
      expect(await status(otherHttp, ['authorization', `Bearer ${token.token}`])).toBe(401);
    } finally {
      await Promise.all([bySession, byToken, byKept].map((stream) => stream.close()));
    }
  });

  it('end at "sign out everywhere" and at a password change, and no other account’s does', async () => {
    const account = await signUp(ctx.http);
    const bystander = await signUp(ctx.http);
    const token = await tokenOf(ctx.http, account);
    const theirs = await otherStream({ cookie: bystander.cookie });
    const byToken = await otherStream({ authorization: `Bearer ${token.token}` });
    const elsewhere = await signIn(ctx.http, account);
    const bySession = await otherStream({ cookie: elsewhere });
    try {
      await ctx.http
        .put('/api/v1/auth/password')
        .set('cookie', account.cookie)
        .send({ current_password: account.password, new_password: 'a brand new passphrase' })
        .expect(204);
      await Promise.all([endOf(bySession), endOf(byToken)]);

      const current = await otherStream({ cookie: account.cookie });
      await ctx.http.delete('/api/v1/auth/sessions').set('cookie', account.cookie).expect(204);
      expect(await endOf(current)).toBeLessThan(1_000);
      expect(await stillOpen(theirs)).toBe(true);
    } finally {
      await Promise.all([theirs, byToken, bySession].map((stream) => stream.close()));
    }
  });
});
