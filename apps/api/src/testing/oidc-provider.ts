import { findFreePort } from '@taskoverflow/db';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** The email the test provider gives a login: `<login>@idp.example`, verified. */
export const providerEmail = (login: string) => `${login}@idp.example`;

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on this
 * machine, for tests. Its development login form signs in anyone as the
 * login typed (any password), whose subject is the login and whose verified
 * email is {@link providerEmail}; one client, allowed to return to `redirectUris`.
 * On `port` when given (an app told its issuer before the provider could know where the app is).
 */
export async function startOidcProvider(
  redirectUris: string[],
  port?: number,
): Promise<TestOidcProvider> {
  port ??= await findFreePort();
  const issuer = `http://127.0.0.1:${port}`;
  const client = { clientId: 'taskoverflow', clientSecret: 'test client secret' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: redirectUris,
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_context, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: providerEmail(sub), email_verified: true }),
    }),
    pkce: { required: () => true },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    issuer,
    ...client,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
