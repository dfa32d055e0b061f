import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { ARGON2_RUNNING, ARGON2_WAITING } from '../../../src/routes/auth/passwords.js';
import { PASSWORD, newEmail } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

const ctx = useTestApp({
  AUTH_MODE: 'accounts',
  SIGN_IN_LIMIT_PER_ACCOUNT: '3',
  SIGN_IN_LIMIT_PER_CLIENT: '5',
  SIGN_IN_SUCCESS_LIMIT_PER_CLIENT: '4',
  SIGN_UP_LIMIT_PER_CLIENT: '3',
  // X-Forwarded-For from the test says which client it plays.
  TRUST_PROXY: 'loopback',
});

let clients = 0;
/** A client address no other test uses. */
const newClient = () => `198.51.100.${++clients}`;

async function newAccount() {
  const email = newEmail();
  await ctx.http
    .post('/api/v1/auth/sign-up')
    .set('x-forwarded-for', newClient())
    .send({ email, password: PASSWORD })
    .expect(201);
  return email;
}

const signIn = (client: string, email: string, password: string) =>
  ctx.http.post('/api/v1/auth/sign-in').set('x-forwarded-for', client).send({ email, password });

function expectThrottled(
  response: { status: number; body: unknown; headers: Record<string, string> },
  what = 'failed attempts',
) {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({
    error: 'Too Many Requests',
    message: expect.stringMatching(new RegExp(`^Too many ${what}; try again in \\d+ seconds$`)),
  });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
}

describe('sign-in throttling', () => {
  it('never locks an account out: another client’s failures leave the owner’s right password working', async () => {
    const email = await newAccount();
    const attacker = newClient();
    for (let i = 0; i < 3; i++) await signIn(attacker, email, 'wrong password').expect(401);
    // The attacker is throttled on this account, even with the right password…
    expectThrottled(await signIn(attacker, email, PASSWORD));
    // …and the owner, from a client of their own, is not.
    await signIn(newClient(), email, PASSWORD).expect(200);
  });

  it('is counted in the database: every API process refuses the client one of them throttled', async () => {
    const email = await newAccount();
    const attacker = newClient();
    for (let i = 0; i < 3; i++) await signIn(attacker, email, 'wrong password').expect(401);
    const other = await buildApp(ctx.config);
    try {
      await other.ready();
      const response = await supertest(other.server)
        .post('/api/v1/auth/sign-in')
        .set('x-forwarded-for', attacker)
        .send({ email, password: PASSWORD });
      expectThrottled(response);
    } finally {
      await other.close();
    }
  });

  it('limits successful sign-ins of a client too', async () => {
    const email = await newAccount();
    const client = newClient();
    for (let i = 0; i < 4; i++) await signIn(client, email, PASSWORD).expect(200);
    expectThrottled(await signIn(client, email, PASSWORD), 'sign-ins');
    await signIn(newClient(), email, PASSWORD).expect(200);
  });

  it('caps the argon2 work of the process: beyond it, 503 with Retry-After', async () => {
    const email = await newAccount();
    // From as many clients, none of which is throttled.
    const flood = ARGON2_RUNNING + ARGON2_WAITING + 20;
    const answers = await Promise.all(
      Array.from({ length: flood }, () => signIn(newClient(), email, 'wrong password')),
    );
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.body).toMatchObject({ error: 'Service Unavailable' });
    }
    expect(answers.every((answer) => [401, 503].includes(answer.status))).toBe(true);
  });

  it('throttles a client after its failed attempts on any accounts; other clients go on', async () => {
    const email = await newAccount();
    const client = newClient();
    for (let i = 0; i < 5; i++) await signIn(client, newEmail(), 'wrong password').expect(401);
    expectThrottled(await signIn(client, email, PASSWORD));
    await signIn(newClient(), email, PASSWORD).expect(200);
  });

  it('lets a throttled client burn none of an account’s attempts: it cannot lock the account out', async () => {
    const email = await newAccount();
    const attacker = newClient();
    for (let i = 0; i < 5; i++) await signIn(attacker, newEmail(), 'wrong password').expect(401);
    for (let i = 0; i < 10; i++) expectThrottled(await signIn(attacker, email, 'guess'));
    // The account has used none of its 3.
    const owner = newClient();
    await signIn(owner, email, 'typo').expect(401);
    await signIn(owner, email, 'typo again').expect(401);
    await signIn(owner, email, PASSWORD).expect(200);
  });

  it('clears an account’s failures at a successful sign-in', async () => {
    const email = await newAccount();
    const client = newClient();
    for (let round = 0; round < 2; round++) {
      await signIn(client, email, 'typo').expect(401);
      await signIn(client, email, 'typo').expect(401);
      await signIn(client, email, PASSWORD).expect(200);
    }
  });

  it('counts wrong current passwords of a password change like failed sign-ins', async () => {
    const email = await newAccount();
    const client = newClient();
    const session = await signIn(client, email, PASSWORD).expect(200);
    const cookie = ([] as string[]).concat(session.headers['set-cookie']!)[0]!.split(';')[0]!;
    const change = (current: string) =>
      ctx.http
        .put('/api/v1/auth/password')
        .set('x-forwarded-for', client)
        .set('cookie', cookie)
        .send({ current_password: current, new_password: 'a brand new passphrase' });
    for (let i = 0; i < 3; i++) await change('wrong').expect(400);
    expectThrottled(await change(PASSWORD));
    expectThrottled(await signIn(client, email, PASSWORD));
  });
});

describe('sign-up throttling', () => {
  it('limits the accounts one client creates per window', async () => {
    const client = newClient();
    const signUp = () =>
      ctx.http
        .post('/api/v1/auth/sign-up')
        .set('x-forwarded-for', client)
        .send({ email: newEmail(), password: PASSWORD });
    for (let i = 0; i < 3; i++) await signUp().expect(201);
    const refused = await signUp().expect(429);
    expect(refused.body).toMatchObject({ error: 'Too Many Requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
