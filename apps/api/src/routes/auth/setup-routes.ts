import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SetupStatus } from '@taskoverflow/contracts';
import type { AuthContext } from './auth-context.js';

/** What the first-run page asks before anyone signs in: is the instance claimed, and who may sign up. */
export const setupRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (app, context) => {
  const { options, accountsOnly } = context;

  app.get(
    '/setup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Whether an admin has claimed the instance, and who may sign up',
        description:
          'Public, and nothing secret: while `claimed` is false, the sign-up with the setup code ' +
          'that the API logged at start makes the admin.',
        response: { 200: SetupStatus, 404: ErrorResponse },
      },
      config: { public: true },
      ...accountsOnly,
    },
    async () => ({ claimed: await app.instanceClaim.isClaimed(), sign_up: options.signUp }),
  );
};
