import type { FastifyInstance } from 'fastify';
import type { Response } from 'supertest';
import type supertest from 'supertest';
import { expect } from 'vitest';

/** AUTH_MODE=accounts, with throttles no test trips unless it means to. */
export const ACCOUNTS_ENV = {
  AUTH_MODE: 'accounts',
  SIGN_IN_LIMIT_PER_ACCOUNT: '100000',
  SIGN_IN_LIMIT_PER_CLIENT: '100000',
  SIGN_IN_SUCCESS_LIMIT_PER_CLIENT: '100000',
  SIGN_UP_LIMIT_PER_CLIENT: '100000',
} as const;

/** Long, not common, not the email: a password the policy takes. */
export const PASSWORD = 'correct horse battery staple';

type Http = ReturnType<typeof supertest>;

let accounts = 0;
/** An email no other test of the run uses. */
export function newEmail(): string {
  accounts += 1;
  return `user${accounts}-${process.pid}@example.com`;
}

/** The `name=value` of the session cookie a response sets (no attributes), for a `Cookie` header. */
export function sessionCookieOf(response: Response): string {
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const session = setCookie.find((line) => /^(__Host-)?taskoverflow_session=[^;]+/.test(line));
  expect(session, `a session cookie in ${JSON.stringify(setCookie)}`).toBeDefined();
  return session!.split(';')[0]!;
}

export interface Account {
  user: { id: string; email: string; role: string; created_at: string };
  email: string;
  password: string;
  /** `Cookie` header value of its session. */
  cookie: string;
}

/** Signs a new account up (with `admission`: a setup code or an invite); its session cookie comes with it. */
export async function signUp(
  http: Http,
  email = newEmail(),
  password = PASSWORD,
  admission: { setup_code?: string; invite?: string } = {},
): Promise<Account> {
  const response = await http
    .post('/api/v1/auth/sign-up')
    .send({ email, password, ...admission })
    .expect(201);
  return { user: response.body.user, email, password, cookie: sessionCookieOf(response) };
}

/**
 * Claims the instance as the operator does: signs up with a new setup code,
 * made (and logged) by the same function the API calls at start. @returns the admin.
 */
export async function claimInstance(
  { app, http }: { app: FastifyInstance; http: Http },
  email = newEmail(),
): Promise<Account> {
  const setupCode = await app.instanceClaim.issueSetupCode();
  expect(setupCode, 'an unclaimed instance').not.toBeNull();
  return signUp(http, email, PASSWORD, { setup_code: setupCode! });
}

/** A new session of an account, by signing in. */
export async function signIn(http: Http, account: Pick<Account, 'email' | 'password'>) {
  const response = await http
    .post('/api/v1/auth/sign-in')
    .send({ email: account.email, password: account.password })
    .expect(200);
  return sessionCookieOf(response);
}

/** A new API token of the account (made with its session and password): its id and secret. */
export async function tokenOf(
  http: Http,
  account: Account,
  { name = 'script', scope }: { name?: string; scope?: string } = {},
): Promise<{ id: string; token: string }> {
  const response = await http
    .post('/api/v1/auth/tokens')
    .set('cookie', account.cookie)
    .send({ name, current_password: account.password, scope })
    .expect(201);
  return response.body;
}

/** A new API token of the account, as `Authorization` header value. */
export async function bearerOf(
  http: Http,
  account: Account,
  options?: { name?: string; scope?: string },
): Promise<string> {
  return `Bearer ${(await tokenOf(http, account, options)).token}`;
}
