import { hash, verify } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { ARGON2ID } from '../../../src/routes/auth/passwords.js';
import {
  ACCOUNTS_ENV,
  PASSWORD,
  newEmail,
  sessionCookieOf,
  signIn,
  signUp,
} from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

const ctx = useTestApp(ACCOUNTS_ENV);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INVALID = { error: 'Invalid email or password', message: expect.any(String) };

const me = (cookie?: string) => {
  const request = ctx.http.get('/api/v1/auth/me');
  return cookie ? request.set('cookie', cookie) : request;
};

describe('POST /auth/sign-up', () => {
  it('creates the account, answers with it and signs it in', async () => {
    const email = newEmail();
    const response = await ctx.http
      .post('/api/v1/auth/sign-up')
      .send({ email: `  ${email.toUpperCase()} `, password: PASSWORD })
      .expect(201);
    expect(response.body).toEqual({
      user: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email,
        role: 'member',
        created_at: expect.stringMatching(ISO_INSTANT),
        time_zone: null,
        calendar_time_zone: null,
      },
    });
    const cookie = sessionCookieOf(response);
    expect((await me(cookie).expect(200)).body).toEqual(response.body);
    // Stored with argon2id, never as given.
    const stored = await ctx.app.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
  });

  it('refuses an email taken already, whatever its case', async () => {
    const { email } = await signUp(ctx.http);
    const response = await ctx.http
      .post('/api/v1/auth/sign-up')
      .send({ email: email.toUpperCase(), password: 'another fine passphrase' })
      .expect(409);
    expect(response.body).toEqual({
      error: 'Conflict',
      message: expect.stringContaining('exists'),
    });
    expect(await ctx.app.prisma.user.count({ where: { email } })).toBe(1);
  });

  it.each([
    ['a common password', { password: 'password1' }, 'password'],
    ['a common password in capitals', { password: 'PASSWORD123' }, 'password'],
    [
      'the email’s own name',
      { email: 'grace.hopper@example.com', password: 'grace.hopper1' },
      'password',
    ],
    ['the name of the service', { password: 'TaskOverflow2026!' }, 'password'],
    ['7 characters', { password: 'a7$kQ2z' }, 'password'],
    ['7 characters of two UTF-16 units each', { password: '🦄🦄🦄🦄🦄🦄🦄' }, 'password'],
    ['129 characters', { password: 'x'.repeat(129) }, 'password'],
    ['a control character', { password: 'tab is fine\u0000null is not' }, 'password'],
    ['a bad email', { email: 'not an email' }, 'email'],
    ['an unknown field', { role: 'admin' }, 'role'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, change, field) => {
    const response = await ctx.http
      .post('/api/v1/auth/sign-up')
      .send({ email: newEmail(), password: PASSWORD, ...change })
      .expect(400);
    expect(response.body).toMatchObject({
      error: 'Bad Request',
      fields: { [field]: expect.any(String) },
    });
    expect(await ctx.app.prisma.user.count({ where: { role: { not: 'owner' } } })).toBe(0);
  });

  it.each([
    ['8 characters of two UTF-16 units each', '🦄🦄🦄🦄🦄🦄🦄🦄'],
    ['128 characters, all of them kept', `${'y'.repeat(127)}z`],
    ['any characters, spaces and no rule of composition', 'мой пароль — это я'],
  ])('takes %s', async (_what, password) => {
    const account = await signUp(ctx.http, newEmail(), password);
    await signIn(ctx.http, account);
    if (password.length > 64) {
      // Never truncated: the same password less its last character is another one.
      await ctx.http
        .post('/api/v1/auth/sign-in')
        .send({ email: account.email, password: `${'y'.repeat(127)}y` })
        .expect(401);
    }
  });
});

describe('POST /auth/sign-in', () => {
  it('answers with the user and a new session at every sign-in', async () => {
    const account = await signUp(ctx.http);
    const first = await signIn(ctx.http, account);
    const second = await signIn(ctx.http, { ...account, email: ` ${account.email.toUpperCase()}` });
    expect(new Set([account.cookie, first, second]).size).toBe(3);
    for (const cookie of [account.cookie, first, second]) {
      expect((await me(cookie).expect(200)).body.user.id).toBe(account.user.id);
    }
  });

  it('ends the session the browser came with when it signs in again', async () => {
    const account = await signUp(ctx.http);
    const response = await ctx.http
      .post('/api/v1/auth/sign-in')
      .set('cookie', account.cookie)
      .send({ email: account.email, password: account.password })
      .expect(200);
    await me(account.cookie).expect(401);
    await me(sessionCookieOf(response)).expect(200);
  });

  it('gives one answer for an unknown email and for a wrong password', async () => {
    const account = await signUp(ctx.http);
    const unknown = await ctx.http
      .post('/api/v1/auth/sign-in')
      .send({ email: newEmail(), password: PASSWORD })
      .expect(401);
    const wrong = await ctx.http
      .post('/api/v1/auth/sign-in')
      .send({ email: account.email, password: `${PASSWORD}!` })
      .expect(401);
    expect(unknown.body).toEqual(INVALID);
    expect(wrong.body).toEqual(unknown.body);
    expect(unknown.headers['set-cookie']).toBeUndefined();
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('lets nobody be the local owner: its email is not one an account can have', async () => {
    for (const route of ['sign-up', 'sign-in']) {
      const response = await ctx.http
        .post(`/api/v1/auth/${route}`)
        .send({ email: 'owner@localhost', password: PASSWORD })
        .expect(400);
      expect(response.body.fields).toEqual({ email: 'must be a valid email' });
    }
  });

  it('takes as long for an unknown email as for a wrong password: both verify an argon2id hash', async () => {
    const account = await signUp(ctx.http);
    // What one verification takes on this machine now (the fastest of a few: the least disturbed).
    const stored = await hash('some password', ARGON2ID);
    const verifications: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await verify(stored, 'another password');
      verifications.push(performance.now() - started);
    }
    const verification = Math.min(...verifications);

    // Interleaved, so that a burst of other work on the machine slows both alike.
    const unknownTimes: number[] = [];
    const knownTimes: number[] = [];
    const unknownEmail = newEmail();
    const timeSignIn = async (email: string, times: number[]) => {
      const started = performance.now();
      await ctx.http
        .post('/api/v1/auth/sign-in')
        .send({ email, password: 'wrong password' })
        .expect(401);
      times.push(performance.now() - started);
    };
    for (let i = 0; i < 7; i++) {
      await timeSignIn(unknownEmail, unknownTimes);
      await timeSignIn(account.email, knownTimes);
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[3]!;
    const [unknown, known] = [median(unknownTimes), median(knownTimes)];
    // Loose on purpose: a machine shared with other work makes timings noisy. Without the
    // dummy hash, the unknown email would answer in a fraction of one verification (~3 %).
    expect(unknown).toBeGreaterThan(verification * 0.7);
    expect(known).toBeGreaterThan(verification * 0.7);
    expect(unknown / known).toBeGreaterThan(0.33);
    expect(unknown / known).toBeLessThan(3);
  });

  it('refuses a body with unknown fields or the wrong types', async () => {
    await ctx.http
      .post('/api/v1/auth/sign-in')
      .send({ email: newEmail(), password: PASSWORD, remember: true })
      .expect(400);
    await ctx.http
      .post('/api/v1/auth/sign-in')
      .send({ email: newEmail(), password: 12345678 })
      .expect(400);
  });
});

describe('POST /auth/sign-out', () => {
  it('ends the session and clears the cookie', async () => {
    const account = await signUp(ctx.http);
    const response = await ctx.http
      .post('/api/v1/auth/sign-out')
      .set('cookie', account.cookie)
      .expect(204);
    const cleared = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    expect(cleared).toEqual([
      expect.stringMatching(/^taskoverflow_session=;.*Expires=Thu, 01 Jan 1970/),
    ]);
    await me(account.cookie).expect(401);
    expect(await ctx.app.prisma.session.count({ where: { userId: account.user.id } })).toBe(0);
  });

  it('succeeds without a session too', async () => {
    await ctx.http.post('/api/v1/auth/sign-out').expect(204);
    await ctx.http
      .post('/api/v1/auth/sign-out')
      .set('cookie', 'taskoverflow_session=nonsense')
      .expect(204);
  });
});

describe('GET /auth/me', () => {
  it('answers 401 JSON without a session, or with one that does not exist', async () => {
    const none = await me().expect(401);
    expect(none.body).toEqual({
      error: 'Unauthorized',
      message: expect.stringContaining('Sign in'),
    });
    expect(none.headers['www-authenticate']).toBe('Bearer realm="TaskOverflow"');
    const forged = await me(`taskoverflow_session=${'A'.repeat(43)}`).expect(401);
    expect(forged.headers['www-authenticate']).toContain('error="invalid_token"');
  });
});
