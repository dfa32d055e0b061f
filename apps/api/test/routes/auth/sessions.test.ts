import { describe, expect, it } from 'vitest';
import {
  ACCOUNTS_ENV,
  PASSWORD,
  bearerOf,
  sessionCookieOf,
  signIn,
  signUp,
} from '../../helpers/accounts.js';
import { useTestApp, type TestApp } from '../../helpers/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setCookieLine(response: { headers: Record<string, unknown> }): string {
  const lines = ([] as string[]).concat((response.headers['set-cookie'] as string[]) ?? []);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

const me = (ctx: TestApp, cookie: string) => ctx.http.get('/api/v1/auth/me').set('cookie', cookie);

describe('the session cookie over http', () => {
  const ctx = useTestApp(ACCOUNTS_ENV);

  it('is HttpOnly, SameSite=Lax, Path=/, lasts the absolute timeout, and holds 256 random bits', async () => {
    const response = await ctx.http
      .post('/api/v1/auth/sign-up')
      .send({ email: 'cookie@example.com', password: PASSWORD })
      .expect(201);
    const line = setCookieLine(response);
    expect(line).toMatch(/^taskoverflow_session=[A-Za-z0-9_-]{43};/);
    const attributes = line.split(/;\s*/).slice(1);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=2592000', 'Path=/', 'SameSite=Lax']);
  });

  it('is stored as its SHA-256 only', async () => {
    const account = await signUp(ctx.http);
    const secret = account.cookie.split('=')[1]!;
    const [session] = await ctx.app.prisma.session.findMany({ where: { userId: account.user.id } });
    const { createHash } = await import('node:crypto');
    expect(session!.id).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(session)).not.toContain(secret);
  });
});

describe('the session cookie over https (PUBLIC_URL)', () => {
  const ctx = useTestApp({ ...ACCOUNTS_ENV, PUBLIC_URL: 'https://todo.example' });

  it('is Secure, with the __Host- prefix, and is read under that name only', async () => {
    const response = await ctx.http
      .post('/api/v1/auth/sign-up')
      .send({ email: 'secure@example.com', password: PASSWORD })
      .expect(201);
    const line = setCookieLine(response);
    expect(line).toMatch(/^__Host-taskoverflow_session=[A-Za-z0-9_-]{43};/);
    expect(line.split(/;\s*/).slice(1).sort()).toEqual([
      'HttpOnly',
      'Max-Age=2592000',
      'Path=/',
      'SameSite=Lax',
      'Secure',
    ]);
    const cookie = sessionCookieOf(response);
    await me(ctx, cookie).expect(200);
    await me(ctx, cookie.replace('__Host-', '')).expect(401);
  });
});

describe('sessions of an account', () => {
  const ctx = useTestApp(ACCOUNTS_ENV);

  it('lists the live ones by a public id, marks the current one, and never shows a secret', async () => {
    const account = await signUp(ctx.http);
    const other = await ctx.http
      .post('/api/v1/auth/sign-in')
      .set('user-agent', 'Calendar sync/1.0')
      .send({ email: account.email, password: account.password })
      .expect(200);
    const response = await ctx.http
      .get('/api/v1/auth/sessions')
      .set('cookie', account.cookie)
      .expect(200);
    expect(response.body).toHaveLength(2);
    const stored = await ctx.app.prisma.session.findMany({ where: { userId: account.user.id } });
    const text = JSON.stringify(response.body);
    for (const session of stored) expect(text).not.toContain(session.id);
    for (const cookie of [account.cookie, sessionCookieOf(other)])
      expect(text).not.toContain(cookie.split('=')[1]!);
    expect(response.body.map((s: { current: boolean }) => s.current).sort()).toEqual([false, true]);
    const signedIn = response.body.find((s: { current: boolean }) => !s.current);
    expect(signedIn).toEqual({
      id: stored.find((s) => s.userAgent === 'Calendar sync/1.0')!.publicId,
      created_at: expect.any(String),
      last_seen_at: expect.any(String),
      expires_at: expect.any(String),
      user_agent: 'Calendar sync/1.0',
      current: false,
    });
    // Idle expiry (7 days) comes before the absolute one (30 days).
    const lastSeen = Date.parse(signedIn.last_seen_at);
    expect(Date.parse(signedIn.expires_at) - lastSeen).toBe(7 * 86_400_000);
  });

  it('ends one session at once (also one used a moment ago), and another account’s is a 404', async () => {
    const account = await signUp(ctx.http);
    const second = await signIn(ctx.http, account);
    await me(ctx, second).expect(200); // now cached
    const intruder = await signUp(ctx.http);
    const list = await ctx.http.get('/api/v1/auth/sessions').set('cookie', account.cookie);
    const target = list.body.find((s: { current: boolean }) => !s.current).id as string;

    await ctx.http
      .delete(`/api/v1/auth/sessions/${target}`)
      .set('cookie', intruder.cookie)
      .expect(404);
    await ctx.http
      .delete('/api/v1/auth/sessions/not-a-uuid')
      .set('cookie', account.cookie)
      .expect(404);
    await me(ctx, second).expect(200);

    await ctx.http
      .delete(`/api/v1/auth/sessions/${target}`)
      .set('cookie', account.cookie)
      .expect(204);
    await me(ctx, second).expect(401);
    await me(ctx, account.cookie).expect(200);
    await ctx.http
      .delete(`/api/v1/auth/sessions/${target}`)
      .set('cookie', account.cookie)
      .expect(404);
  });

  it('signs out everywhere: every session ends, this one too, and its cookie is cleared', async () => {
    const account = await signUp(ctx.http);
    const sessions = [
      account.cookie,
      await signIn(ctx.http, account),
      await signIn(ctx.http, account),
    ];
    for (const cookie of sessions) await me(ctx, cookie).expect(200);
    const bystander = await signUp(ctx.http);

    const response = await ctx.http
      .delete('/api/v1/auth/sessions')
      .set('cookie', account.cookie)
      .expect(204);
    expect(setCookieLine(response)).toMatch(/^taskoverflow_session=;/);
    for (const cookie of sessions) await me(ctx, cookie).expect(401);
    await me(ctx, bystander.cookie).expect(200);
  });
});

describe('PUT /auth/password', () => {
  const ctx = useTestApp(ACCOUNTS_ENV);
  const NEW_PASSWORD = 'a brand new passphrase';

  it('needs the current password, then ends the other sessions and keeps this one', async () => {
    const account = await signUp(ctx.http);
    const other = await signIn(ctx.http, account);
    await me(ctx, other).expect(200);

    const wrong = await ctx.http
      .put('/api/v1/auth/password')
      .set('cookie', account.cookie)
      .send({ current_password: 'not the password', new_password: NEW_PASSWORD })
      .expect(400);
    expect(wrong.body).toMatchObject({ error: 'Current password is wrong' });
    await me(ctx, other).expect(200);

    await ctx.http
      .put('/api/v1/auth/password')
      .set('cookie', account.cookie)
      .send({ current_password: account.password, new_password: NEW_PASSWORD })
      .expect(204);
    await me(ctx, other).expect(401);
    await me(ctx, account.cookie).expect(200);
    await ctx.http
      .post('/api/v1/auth/sign-in')
      .send({ email: account.email, password: account.password })
      .expect(401);
    await signIn(ctx.http, { email: account.email, password: NEW_PASSWORD });
  });

  const todos = (bearer: string) => ctx.http.get('/api/v1/todos').set('authorization', bearer);

  it('revokes the account’s API tokens too, unless revoke_tokens is false', async () => {
    const account = await signUp(ctx.http);
    const bystander = await signUp(ctx.http);
    const theirs = await bearerOf(ctx.http, bystander);
    const [first, second] = [
      await bearerOf(ctx.http, account, { name: 'first' }),
      await bearerOf(ctx.http, account, { name: 'second' }),
    ];
    for (const bearer of [first, second, theirs]) await todos(bearer).expect(200);

    await ctx.http
      .put('/api/v1/auth/password')
      .set('cookie', account.cookie)
      .send({ current_password: account.password, new_password: NEW_PASSWORD })
      .expect(204);
    for (const bearer of [first, second]) await todos(bearer).expect(401);
    expect(await ctx.app.prisma.apiToken.count({ where: { userId: account.user.id } })).toBe(0);
    await todos(theirs).expect(200);

    const kept = await bearerOf(ctx.http, { ...account, password: NEW_PASSWORD });
    await todos(kept).expect(200);
    await ctx.http
      .put('/api/v1/auth/password')
      .set('cookie', account.cookie)
      .send({ current_password: NEW_PASSWORD, new_password: PASSWORD, revoke_tokens: false })
      .expect(204);
    await todos(kept).expect(200);
  });

  it('is for a session only: a token of any scope gets a 403, and the password stays', async () => {
    const account = await signUp(ctx.http);
    const bearer = await bearerOf(ctx.http, account);
    const refused = await ctx.http
      .put('/api/v1/auth/password')
      .set('authorization', bearer)
      .send({ current_password: account.password, new_password: NEW_PASSWORD })
      .expect(403);
    expect(refused.body).toMatchObject({ error: 'Forbidden', needed_scope: 'account' });
    await signIn(ctx.http, account);
  });

  it('refuses a revoke_tokens that is not a boolean, and changes nothing', async () => {
    const account = await signUp(ctx.http);
    const bearer = await bearerOf(ctx.http, account);
    await ctx.http
      .put('/api/v1/auth/password')
      .set('cookie', account.cookie)
      .send({ current_password: account.password, new_password: NEW_PASSWORD, revoke_tokens: 'no' })
      .expect(400);
    await todos(bearer).expect(200);
    await signIn(ctx.http, account);
  });

  it('refuses a weak new password and changes nothing', async () => {
    const account = await signUp(ctx.http);
    const response = await ctx.http
      .put('/api/v1/auth/password')
      .set('cookie', account.cookie)
      .send({ current_password: account.password, new_password: 'iloveyou2' })
      .expect(400);
    expect(response.body.fields).toEqual({ new_password: expect.stringContaining('common') });
    await signIn(ctx.http, account);
  });
});

describe('session timeouts', () => {
  describe('idle', () => {
    // 1.8 s.
    const ctx = useTestApp({ ...ACCOUNTS_ENV, SESSION_IDLE_TIMEOUT_HOURS: '0.0005' });

    it('ends a session unused for the idle timeout, and not one in use', async () => {
      const idle = await signUp(ctx.http);
      const busy = await signUp(ctx.http);
      await me(ctx, idle.cookie).expect(200);
      for (let elapsed = 0; elapsed < 2_600; elapsed += 400) {
        await sleep(400);
        await me(ctx, busy.cookie).expect(200);
      }
      await me(ctx, idle.cookie).expect(401);
      await me(ctx, busy.cookie).expect(200);
    });
  });

  describe('absolute', () => {
    // 1.8 s.
    const ctx = useTestApp({ ...ACCOUNTS_ENV, SESSION_ABSOLUTE_TIMEOUT_HOURS: '0.0005' });

    it('ends a session at its absolute timeout, however much it is used', async () => {
      const account = await signUp(ctx.http);
      const deadline = Date.now() + 1_800;
      while (Date.now() < deadline - 200) {
        await me(ctx, account.cookie).expect(200);
        await sleep(200);
      }
      await sleep(Math.max(0, deadline - Date.now()) + 100);
      await me(ctx, account.cookie).expect(401);
      // Expired rows go when the account signs in again.
      await signIn(ctx.http, account);
      expect(await ctx.app.prisma.session.count({ where: { userId: account.user.id } })).toBe(1);
    });
  });
});
