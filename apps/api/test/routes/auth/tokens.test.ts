import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ENV, bearerOf, signUp, tokenOf, type Account } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

const ctx = useTestApp(ACCOUNTS_ENV);

const listTodos = (authorization: string) =>
  ctx.http.get('/api/v1/todos').set('authorization', authorization);

const createToken = (account: Account, auth: Record<string, string>, body: object) =>
  ctx.http.post('/api/v1/auth/tokens').set(auth).send(body);

describe('API tokens', () => {
  it('are shown once, with a recognisable prefix and 256 random bits, and stored as SHA-256', async () => {
    const account = await signUp(ctx.http);
    const created = await ctx.http
      .post('/api/v1/auth/tokens')
      .set('cookie', account.cookie)
      .send({ name: 'backup script', current_password: account.password })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'backup script',
      scope: 'write',
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
        scope: 'write',
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
    const kept = await bearerOf(ctx.http, account, { name: 'kept' });
    await listTodos(bearer).expect(200);
    const [, revoked] = (await ctx.http.get('/api/v1/auth/tokens').set('cookie', account.cookie))
      .body;
    expect(revoked.name).toBe('script');

    // Revoked with the account's session: no request of the revoked one may pass.
    await ctx.http
      .delete(`/api/v1/auth/tokens/${revoked.id}`)
      .set('cookie', account.cookie)
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

  it('need a name, the current password and a known scope', async () => {
    const account = await signUp(ctx.http);
    const current_password = account.password;
    for (const body of [
      { current_password },
      { name: '  ', current_password },
      { name: 'x'.repeat(101), current_password },
      { name: 'ok' },
      { name: 'ok', current_password: '' },
      { name: 'ok', current_password, scope: 'all' },
      { name: 'ok', current_password, scope: 'account' },
    ]) {
      const refused = await createToken(account, { cookie: account.cookie }, body).expect(400);
      expect(refused.body, JSON.stringify(body)).toHaveProperty('error');
    }
    expect(await ctx.app.prisma.apiToken.count()).toBe(0);
  });

  it('are refused for a wrong current password, as a password change refuses it', async () => {
    const account = await signUp(ctx.http);
    const wrong = 'not the password at all';
    const refused = await createToken(
      account,
      { cookie: account.cookie },
      { name: 'stolen', current_password: wrong },
    ).expect(400);
    const change = await ctx.http
      .put('/api/v1/auth/password')
      .set('cookie', account.cookie)
      .send({ current_password: wrong, new_password: 'a brand new passphrase' })
      .expect(400);
    expect(refused.body).toEqual(change.body);
    expect(refused.body).toEqual({
      error: 'Current password is wrong',
      message: expect.any(String),
      fields: { current_password: 'is wrong' },
    });
    expect(await ctx.app.prisma.apiToken.count()).toBe(0);
  });

  it('cannot be made with a token, whatever its scope: 403 JSON, and nothing made', async () => {
    const account = await signUp(ctx.http);
    for (const scope of ['read', 'write', 'metrics']) {
      const bearer = await bearerOf(ctx.http, account, { scope });
      const refused = await createToken(
        account,
        { authorization: bearer },
        { name: 'minted', current_password: account.password },
      ).expect(403);
      expect(refused.body).toEqual({
        error: 'Forbidden',
        message: expect.stringContaining('needs a signed-in session'),
        token_scope: scope,
        needed_scope: 'account',
      });
    }
    expect(await ctx.app.prisma.apiToken.count({ where: { name: 'minted' } })).toBe(0);
  });

  it('carry the scope they were made with, in the list and in what they may do', async () => {
    const account = await signUp(ctx.http);
    const read = await bearerOf(ctx.http, account, { name: 'reader', scope: 'read' });
    await bearerOf(ctx.http, account, { name: 'scraper', scope: 'metrics' });
    const listed = await ctx.http.get('/api/v1/auth/tokens').set('cookie', account.cookie);
    expect(
      listed.body.map(({ name, scope }: { name: string; scope: string }) => [name, scope]),
    ).toEqual([
      ['scraper', 'metrics'],
      ['reader', 'read'],
    ]);
    await listTodos(read).expect(200);
    const refused = await ctx.http
      .post('/api/v1/todos')
      .set('authorization', read)
      .send({ title: 'not from a reader' })
      .expect(403);
    expect(refused.body).toMatchObject({ token_scope: 'read', needed_scope: 'write' });
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer realm="TaskOverflow", error="insufficient_scope", scope="write"',
    );
    expect(await ctx.app.prisma.todo.count()).toBe(0);
  });

  it('write down their use at most once a minute, not at every request', async () => {
    const account = await signUp(ctx.http);
    const { id, token } = await tokenOf(ctx.http, account);
    const lastUsed = async () =>
      (await ctx.app.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    await listTodos(`Bearer ${token}`).expect(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) await listTodos(`Bearer ${token}`).expect(200);
    expect(await lastUsed()).toEqual(first);
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
