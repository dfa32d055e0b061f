import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createIdentitiesRepository, normaliseEmail, sha256Hex, type User } from '@taskoverflow/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { Type } from 'typebox';
import { apiUrl } from '../../lib/api-url.js';
import { isLoopbackHost } from '../../lib/loopback.js';
import { API_PREFIX, ROUTE_PREFIXES } from '../../lib/route-paths.js';
import type { OidcSettings } from '../../config.js';
import type { AuthContext } from './auth-context.js';

export interface OidcRoutesOptions {
  settings: OidcSettings;
}

const CALLBACK_PATH = `${ROUTE_PREFIXES.auth}/oidc/callback`;
const FLOW_COOKIE = 'taskoverflow_oidc';
/** How long a person may take at the provider. */
const FLOW_TTL_S = 600;

/** What the browser keeps between the start of a sign-in and its return from the provider. */
interface Flow {
  state: string;
  nonce: string;
  verifier: string;
}

/** Who the provider says signed in: the ID token's claims, and the user info's when it lacks the email. */
type Claims = oidc.IDToken & { email?: unknown; email_verified?: unknown };

/** Where the browser lands after the provider: a page of the web app, with what went wrong if anything did. */
const landing = {
  signedIn: '/',
  linked: '/account?linked=1',
  failed: (linking: boolean, problem: string) =>
    `${linking ? '/account?link_error=' : '/?sign_in_error='}${encodeURIComponent(problem)}`,
};

/**
 * Sign-in with OpenID Connect: the authorization code flow with PKCE, state
 * and nonce (openid-client). An identity is the issuer's subject (`sub`): it
 * signs in as the account it is linked to. Unlinked, it is linked to the
 * account signed in in this browser, if any; else it makes a new member
 * account of its verified email, unless that email is another account's,
 * which must first sign in with its password and then link (never by email alone).
 */
export const oidcRoutes: FastifyPluginAsyncTypebox<AuthContext & OidcRoutesOptions> = async (
  app,
  context,
) => {
  const { settings, accounts, accountsOnly, startSession } = context;
  const { publicUrl, https } = context.options;
  const { cookie, sessions } = app.authentication;
  const identities = createIdentitiesRepository(app.prisma);
  let configuration: Promise<oidc.Configuration> | undefined;
  /** The provider's configuration, discovered at the first sign-in (and again after a failure). */
  const provider = () =>
    (configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        // Plain http only for a provider on this machine (development, tests).
        isLoopbackHost(new URL(settings.issuer).hostname)
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      }));
  const redirectUri = (request: FastifyRequest) => apiUrl(request, publicUrl, CALLBACK_PATH);
  const flowCookie = {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level navigation, which carries it.
    sameSite: 'lax',
    secure: https,
    path: `${API_PREFIX}${ROUTE_PREFIXES.auth}/oidc`,
  } as const;

  /** The account signed in in this browser, if any: the one to link a new identity to. */
  async function signedInUser(request: FastifyRequest): Promise<string | null> {
    const secret = cookie.read(request);
    const session = secret ? await sessions.find(sha256Hex(secret)) : null;
    return session?.userId ?? null;
  }

  /** The account the identity signs in as, linking or making it when this is its first time. */
  async function accountOf(
    request: FastifyRequest,
    claims: Claims,
  ): Promise<{ user: User } | { linked: true } | { problem: string }> {
    const identity = { issuer: claims.iss, subject: claims.sub };
    const user = await identities.userOf(identity);
    if (user) return { user };
    const current = await signedInUser(request);
    if (current) {
      return (await identities.link(current, identity))
        ? { linked: true }
        : { problem: 'This identity is linked to another account already' };
    }
    const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null;
    if (!email || claims.email_verified !== true) {
      return { problem: 'The provider gave no verified email for this identity' };
    }
    if (await accounts.findByEmail(email)) {
      return {
        problem:
          'An account with this email exists already: sign in with its password, then link the provider in Account',
      };
    }
    const created = await identities.createLinked(email, identity);
    return created ? { user: created } : { problem: 'That email was just taken; try again' };
  }

  app.get(
    '/oidc',
    {
      schema: {
        tags: ['accounts'],
        summary: `Start signing in at the OpenID Connect provider (${settings.buttonLabel})`,
        description:
          'Redirects to the provider. Signed in already, the identity is linked to this account.',
        response: { 302: Type.Null() },
      },
      config: { public: true },
      ...accountsOnly,
    },
    async (request, reply) => {
      const config = await provider();
      const flow: Flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(request),
        scope: 'openid email',
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      void reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
        ...flowCookie,
        maxAge: FLOW_TTL_S,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/oidc/callback',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Where the OpenID Connect provider sends the browser back',
        description:
          'Signs in (or links), then redirects to the web app, with a message when it failed.',
        response: { 302: Type.Null() },
      },
      config: { public: true },
      ...accountsOnly,
    },
    async (request, reply: FastifyReply) => {
      const flow = readFlow(request);
      void reply.clearCookie(FLOW_COOKIE, flowCookie);
      const linking = (await signedInUser(request)) !== null;
      if (!flow)
        return reply.redirect(landing.failed(linking, 'That sign-in expired; start again'));
      let claims: Claims | undefined;
      try {
        const config = await provider();
        const query = request.url.slice(request.url.indexOf('?'));
        const tokens = await oidc.authorizationCodeGrant(
          config,
          new URL(`${redirectUri(request)}${query}`),
          {
            pkceCodeVerifier: flow.verifier,
            expectedState: flow.state,
            expectedNonce: flow.nonce,
            idTokenExpected: true,
          },
        );
        const idToken = tokens.claims()!;
        // Many providers put the email in the ID token only when there is no access token to ask with.
        claims = {
          ...(idToken.email === undefined
            ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)
            : {}),
          ...idToken,
        };
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID Connect sign-in refused');
      }
      if (!claims) {
        return reply.redirect(landing.failed(linking, 'The provider did not confirm who you are'));
      }
      const outcome = await accountOf(request, claims);
      if ('problem' in outcome) return reply.redirect(landing.failed(linking, outcome.problem));
      if ('linked' in outcome) return reply.redirect(landing.linked);
      await startSession(request, reply, outcome.user.id);
      return reply.redirect(landing.signedIn);
    },
  );

  function readFlow(request: FastifyRequest): Flow | null {
    const header = request.headers.cookie;
    const value = header ? app.parseCookie(header)[FLOW_COOKIE] : undefined;
    try {
      const flow = JSON.parse(Buffer.from(value ?? '', 'base64url').toString()) as Partial<Flow>;
      return flow.state && flow.nonce && flow.verifier ? (flow as Flow) : null;
    } catch {
      return null;
    }
  }
};
