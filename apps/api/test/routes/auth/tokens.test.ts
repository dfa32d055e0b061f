import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ENV, bearerOf, signUp } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

const ctx = useTestApp(ACCOUNTS_ENV);

const listTodos = (authorization: string) =>
  ctx.http.get('/api/v1/todos').set('authorization', authorization);

describe('API tokens', () => {
  it('are shown once, with a recognisable prefix and 256 random bits, and stored as SHA-256', async () => {
    const account = await signUp(ctx.http);
    const created = await ctx.http
      .post('/api/v1/auth/tokens')
      .set('cookie', account.cookie)
      .send({ name: 'backup script' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'backup script',
      token: expect.stringMatching(/^tot_[A-Za-z0-9_-]{43}$/),
      created_at: expect.any(String),
    });
    const token = created.body.token as string;
    const sha256 = createHash('sha256').update(token).digest('hex');
    const stored = await ctx.app.prisma.apiToken.findUniqueOrThrow({
      where: { id: created.body.id },
    });
    expect(stored.tokenSha256).toBe(sha256);
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));

    const listed = await ctx.http
      .get('/api/v1/auth/tokens')
      .set('cookie', account.cookie)
      .expect(200);
    expect(listed.body).toEqual([
      {
        id: created.body.id,
        name: 'backup script',
        created_at: created.body.created_at,
        last_used_at: null,
      },
    ]);
    expect(listed.text).not.toContain(token.slice(4));
    expect(listed.text).not.toContain(sha256);
  });

  it('authenticate as their account, and record when they were last used', async () => {
    const account = await signUp(ctx.http);
    const bearer = await bearerOf(ctx.http, account);
    await ctx.http
      .post('/api/v1/todos')
      .set('authorization', bearer)
      .send({ title: 'From a script' })
      .expect(201);
    const todos = await listTodos(bearer).expect(200);
    expect(todos.body.map((todo: { title: string }) => todo.title)).toEqual(['From a script']);
    const me = await ctx.http.get('/api/v1/auth/me').set('authorization', bearer).expect(200);
    expect(me.body.user.id).toBe(account.user.id);
    const [listed] = (await ctx.http.get('/api/v1/auth/tokens').set('cookie', account.cookie)).body;
    expect(Date.parse(listed.last_used_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('stop working at once when revoked, even right after a use', async () => {
    const account = await signUp(ctx.http);
    const bearer = await bearerOf(ctx.http, account);
    const kept = await bearerOf(ctx.http, account, 'kept');
    await listTodos(bearer).expect(200);
    const [, revoked] = (await ctx.http.get('/api/v1/auth/tokens').set('cookie', account.cookie))
      .body;
    expect(revoked.name).toBe('script');

    // Revoked with another of its credentials (the other token): no request of the revoked one may pass.
    await ctx.http
      .delete(`/api/v1/auth/tokens/${revoked.id}`)
      .set('authorization', kept)
      .expect(204);
    const refused = await listTodos(bearer).expect(401);
    expect(refused.body).toEqual({
      error: 'Unauthorized',
      message: expect.stringContaining('not valid'),
    });
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer realm="TaskOverflow", error="invalid_token"',
    );
    await listTodos(kept).expect(200);
    await ctx.http
      .delete(`/api/v1/auth/tokens/${revoked.id}`)
      .set('cookie', account.cookie)
      .expect(404);
  });

  it('of another account answer 404 to a revocation, as missing ones do', async () => {
    const owner = await signUp(ctx.http);
    const bearer = await bearerOf(ctx.http, owner);
    const [token] = (await ctx.http.get('/api/v1/auth/tokens').set('cookie', owner.cookie)).body;
    const intruder = await signUp(ctx.http);
    const foreign = await ctx.http
      .delete(`/api/v1/auth/tokens/${token.id}`)
      .set('cookie', intruder.cookie)
      .expect(404);
    const missing = await ctx.http
      .delete('/api/v1/auth/tokens/00000000-0000-4000-8000-000000000000')
      .set('cookie', intruder.cookie)
      .expect(404);
    expect(Object.keys(foreign.body)).toEqual(Object.keys(missing.body));
    await ctx.http
      .delete('/api/v1/auth/tokens/not-a-uuid')
      .set('cookie', intruder.cookie)
      .expect(404);
    expect((await ctx.http.get('/api/v1/auth/tokens').set('cookie', intruder.cookie)).body).toEqual(
      [],
    );
    await listTodos(bearer).expect(200);
  });

  it.each([
    ['no token', 'Bearer'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a token of the wrong shape', 'Bearer tot_short'],
    ['a well-formed token that does not exist', `Bearer tot_${'A'.repeat(43)}`],
  ])('refuse %s with a 401, and a header wins over a good cookie', async (_what, authorization) => {
    const account = await signUp(ctx.http);
    await ctx.http
      .get('/api/v1/todos')
      .set('cookie', account.cookie)
      .set('authorization', authorization)
      .expect(401);
  });

  it('need a name', async () => {
    const account = await signUp(ctx.http);
    for (const body of [
      {},
      { name: '  ' },
      { name: 'x'.repeat(101) },
      { name: 'ok', scope: 'all' },
    ]) {
      await ctx.http
        .post('/api/v1/auth/tokens')
        .set('cookie', account.cookie)
        .send(body)
        .expect(400);
    }
    expect(await ctx.app.prisma.apiToken.count()).toBe(0);
  });
});

describe('AUTH_MODE=accounts', () => {
  it('answers 401 JSON on every route under /api/v1 but the public ones, without a credential', async () => {
    const refused: [string, string][] = [
      ['GET', '/api/v1/todos'],
      ['POST', '/api/v1/todos'],
      ['GET', '/api/v1/todos/1'],
      ['PUT', '/api/v1/todos/1'],
      ['DELETE', '/api/v1/todos/1'],
      ['POST', '/api/v1/todos/ical'],
      ['GET', '/api/v1/todos/ical'],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/auth/tokens'],
      ['GET', '/api/v1/auth/sessions'],
      ['DELETE', '/api/v1/auth/sessions'],
      ['PUT', '/api/v1/auth/password'],
      ['GET', '/api/v1/monitor/summary'],
      ['GET', '/api/v1/metrics'],
    ];
    for (const [method, url] of refused) {
      const response = await ctx.app.inject({
        method: method as 'GET',
        url,
        payload: method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json(), `${method} ${url}`).toMatchObject({ error: 'Unauthorized' });
    }
    for (const url of ['/api/v1/health', '/api/v1/health/ready', '/api/openapi.json'])
      expect((await ctx.app.inject({ url })).statusCode, url).toBe(200);
    // A body is not even read before the caller is known.
    expect(await ctx.app.prisma.todo.count()).toBe(0);
  });
});
