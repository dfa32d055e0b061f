import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SignInProviders } from '@taskoverflow/contracts';
import { API_PREFIX, ROUTE_PREFIXES } from '../../lib/route-paths.js';
import { accountRoutes } from './account-routes.js';
import { createAuthContext, type AuthRoutesOptions } from './auth-context.js';
import { sessionsRoutes } from './sessions-routes.js';
import { setupRoutes } from './setup-routes.js';
import { oidcRoutes } from './oidc-routes.js';
import { signInRoutes } from './sign-in-routes.js';
import { tokensRoutes } from './tokens-routes.js';

/**
 * The account routes under /auth, in five plugins that share one context:
 * sign-up, sign-in and sign-out; who am I, its settings and its password; API
 * tokens; sessions; whether the instance is claimed. In AUTH_MODE=local only `GET /auth/me` (the local owner:
 * that is how a client learns there is no sign-in) and `PATCH /auth/me`
 * answer; the others answer 404 "Accounts are off".
 */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const context = createAuthContext(app, options);
  await app.register(signInRoutes, context);
  await app.register(accountRoutes, context);
  await app.register(tokensRoutes, context);
  await app.register(sessionsRoutes, context);
  await app.register(setupRoutes, context);
  if (options.oidc) await app.register(oidcRoutes, { ...context, settings: options.oidc });

  app.get(
    '/providers',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The ways to sign in besides a password, for the sign-in page',
        response: { 200: SignInProviders },
      },
      config: { public: true },
    },
    async () => ({
      oidc: options.oidc && {
        label: options.oidc.buttonLabel,
        url: `${API_PREFIX}${ROUTE_PREFIXES.auth}/oidc`,
      },
    }),
  );
};
