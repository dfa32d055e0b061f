import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { ACCOUNTS_ENV, bearerOf, signIn, signUp } from '../../helpers/accounts.js';
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
