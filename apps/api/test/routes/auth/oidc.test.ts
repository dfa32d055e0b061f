import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import {
  providerEmail,
  startOidcProvider,
  type TestOidcProvider,
} from '../../../src/testing/index.js';
import { ACCOUNTS_ENV, PASSWORD } from '../../helpers/accounts.js';
import { CookieJar, signInAtProvider } from '../../helpers/oidc-flow.js';
import { useTestApp } from '../../helpers/test-app.js';

/**
 * Sign-in with OpenID Connect against a real provider (oidc-provider) that
 * the test starts. The app names itself PUBLIC_URL, where the provider sends
 * the browser back; the flow below takes that to the app's real address.
 */
const PUBLIC_URL = 'http://localhost:3000';
const env: Record<string, string> = {
  ...ACCOUNTS_ENV,
  PUBLIC_URL,
  OIDC_CLIENT_ID: 'taskoverflow',
  OIDC_CLIENT_SECRET: 'test client secret',
  OIDC_BUTTON_LABEL: 'Sign in with Example ID',
};
let provider: TestOidcProvider;
beforeAll(async () => {
  provider = await startOidcProvider([`${PUBLIC_URL}/api/v1/auth/oidc/callback`]);
  env.OIDC_ISSUER = provider.issuer;
});
afterAll(() => provider?.stop());
const ctx = useTestApp(env);

const appBase = () => `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;

/** A browser signing in at the provider as `login`; its jar holds the app's session cookie when it worked. */
async function signInAs(login: string, jar = new CookieJar()) {
  const answer = await signInAtProvider(`${appBase()}/api/v1/auth/oidc`, login, {
    appBase: appBase(),
    publicUrl: PUBLIC_URL,
    jar,
  });
  expect(answer.status).toBe(302);
  return { jar, location: answer.headers.get('location')! };
}

async function me(jar: CookieJar) {
  const response = await fetch(`${appBase()}/api/v1/auth/me`, {
    headers: { cookie: jar.header(appBase()) },
  });
  return {
    status: response.status,
    body: (await response.json()) as { user?: { id: string; email: string; role: string } },
  };
}

describe('sign-in with OpenID Connect', () => {
  it('names its button for the sign-in page', async () => {
    const { body } = await ctx.http.get('/api/v1/auth/providers').expect(200);
    expect(body).toEqual({
      oidc: { label: 'Sign in with Example ID', url: '/api/v1/auth/oidc' },
    });
  });

  it('makes a new person a member account of their verified email, and signs them in as it again', async () => {
    const first = await signInAs('alice');
    expect(first.location).toBe('/');
    const signedIn = await me(first.jar);
    expect(signedIn.body.user).toMatchObject({ email: providerEmail('alice'), role: 'member' });

    const again = await signInAs('alice');
    expect((await me(again.jar)).body.user!.id).toBe(signedIn.body.user!.id);
  });

  it('never takes over a password account by its email: it signs in first, then links', async () => {
    const email = providerEmail('bob');
    await ctx.http.post('/api/v1/auth/sign-up').send({ email, password: PASSWORD }).expect(201);

    const refused = await signInAs('bob');
    expect(refused.location).toMatch(/^\/\?sign_in_error=An%20account%20with%20this%20email/);
    expect((await me(refused.jar)).status).toBe(401);

    // Signed in with the password, the same browser links the identity…
    const browser = new CookieJar();
    const signIn = await fetch(`${appBase()}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    browser.store(appBase(), signIn);
    const account = (await me(browser)).body.user!;
    expect((await signInAs('bob', browser)).location).toBe('/account?linked=1');

    // …which from then on signs in as that account.
    expect((await me((await signInAs('bob')).jar)).body.user!.id).toBe(account.id);
  });

  it('refuses a return from the provider that is not the one it sent there', async () => {
    const jar = new CookieJar();
    const start = await fetch(`${appBase()}/api/v1/auth/oidc`, { redirect: 'manual' });
    jar.store(appBase(), start);
    expect(new URL(start.headers.get('location')!).origin).toBe(provider.issuer);
    const forged = await fetch(
      `${appBase()}/api/v1/auth/oidc/callback?code=made-up&state=not-the-one&iss=${encodeURIComponent(provider.issuer)}`,
      { redirect: 'manual', headers: { cookie: jar.header(appBase()) } },
    );
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toMatch(/^\/\?sign_in_error=/);
    expect(
      forged.headers.getSetCookie().some((line) => line.startsWith('taskoverflow_session=')),
    ).toBe(false);
    expect(await ctx.app.prisma.userIdentity.count()).toBe(0);
  });
});

describe('without a provider', () => {
  const plain = useTestApp(ACCOUNTS_ENV);

  it('offers no button, and has no route to start one', async () => {
    expect((await plain.http.get('/api/v1/auth/providers').expect(200)).body).toEqual({
      oidc: null,
    });
    await plain.http.get('/api/v1/auth/oidc').expect(404);
  });

  it('needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET', () => {
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgresql://x@localhost/x',
        ...ACCOUNTS_ENV,
        OIDC_ISSUER: 'https://id.example',
      }),
    ).toThrow('missing: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET');
  });
});
