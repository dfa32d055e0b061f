import { describe, expect, it } from 'vitest';
import { PASSWORD, newEmail } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

const ctx = useTestApp({
  AUTH_MODE: 'accounts',
  SIGN_IN_LIMIT_PER_ACCOUNT: '3',
  SIGN_IN_LIMIT_PER_CLIENT: '5',
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

function expectThrottled(response: {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}) {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({
    error: 'Too Many Requests',
    message: expect.stringMatching(/^Too many failed attempts; try again in \d+ seconds$/),
  });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
}

describe('sign-in throttling', () => {
  it('throttles an account after its failed attempts from any clients, for at most the window', async () => {
    const email = await newAccount();
    for (let i = 0; i < 3; i++) await signIn(newClient(), email, 'wrong password').expect(401);
    // Even the right password, from yet another client: the account waits.
    expectThrottled(await signIn(newClient(), email, PASSWORD));
    // Other accounts do not.
    const other = await newAccount();
    await signIn(newClient(), other, PASSWORD).expect(200);
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
    expectThrottled(await signIn(newClient(), email, PASSWORD));
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
