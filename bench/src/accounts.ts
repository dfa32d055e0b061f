import { spawnSystem } from '@taskoverflow/launcher/testing';

/** Settings of a benchmarked system in AUTH_MODE=accounts, logging only warnings. */
export const ACCOUNTS_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'warn', AUTH_MODE: 'accounts' };

/** The built system (as `npm start` runs it) in AUTH_MODE=accounts, with `env` added. */
export function spawnAccountsSystem(env: NodeJS.ProcessEnv = {}) {
  return spawnSystem({ env: { ...ACCOUNTS_ENV, ...env } });
}

const RETRIES = 20;

/**
 * POSTs `body` as JSON; a 429 or 503 (a throttle, the cap on password hashing)
 * is asked again after its Retry-After (1 s when it names none).
 */
async function postRetrying(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if ((response.status !== 429 && response.status !== 503) || attempt === RETRIES)
      return response;
    await response.arrayBuffer();
    const seconds = Number(response.headers.get('retry-after') ?? 1);
    await new Promise((resolve) => setTimeout(resolve, 1000 * (seconds || 1)));
  }
}

/**
 * Signs up `email` on an AUTH_MODE=accounts system; returns the user's id and
 * headers with a new API token of theirs.
 */
export async function signUp(
  baseUrl: string,
  email: string,
): Promise<{ id: string; headers: Record<string, string> }> {
  const password = 'benchmark passphrase';
  const signedUp = await postRetrying(`${baseUrl}/api/v1/auth/sign-up`, { email, password });
  if (!signedUp.ok) throw new Error(`sign-up of ${email}: ${signedUp.status}`);
  const cookie = signedUp.headers.get('set-cookie')!.split(';')[0]!;
  const { user } = (await signedUp.json()) as { user: { id: string } };
  const token = await postRetrying(
    `${baseUrl}/api/v1/auth/tokens`,
    { name: 'bench', current_password: password },
    { cookie },
  );
  if (!token.ok) throw new Error(`API token of ${email}: ${token.status}`);
  const headers = { authorization: `Bearer ${((await token.json()) as { token: string }).token}` };
  return { id: user.id, headers };
}

/** Signs up `email` on an AUTH_MODE=accounts system and returns headers with a new API token of it. */
export async function accountHeaders(
  baseUrl: string,
  email: string,
): Promise<Record<string, string>> {
  return (await signUp(baseUrl, email)).headers;
}

/**
 * Signs up `count` users (`user<i>@<domain>`), `concurrency` at a time (the
 * API hashes each password: more at once only queue), in order of i.
 */
export async function signUpMany(
  baseUrl: string,
  count: number,
  domain = 'bench.example',
  concurrency = 4,
): Promise<{ id: string; headers: Record<string, string> }[]> {
  const users: { id: string; headers: Record<string, string> }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++)
        users[i] = await signUp(baseUrl, `user${i}@${domain}`);
    }),
  );
  return users;
}
