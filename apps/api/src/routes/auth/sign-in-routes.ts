import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SignInBody, SignUpBody, UserResponse } from '@taskoverflow/contracts';
import { normaliseEmail } from '@taskoverflow/db';
import type { FastifyRequest } from 'fastify';
import { clientKey } from '../../lib/client-key.js';
import { Done, noContent } from '../../lib/no-content.js';
import { HttpError } from '../../plugins/error-handler.js';
import { admissionOf, admissionRefused } from './admission.js';
import { badPassword, type AuthContext } from './auth-context.js';
import { passwordProblem } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { THROTTLE_WINDOW_S } from './sign-in-throttle.js';

const emailTaken = () =>
  new HttpError(409, 'An account with this email exists already; sign in instead');

/** One answer for an unknown email and a wrong password, so that nobody learns which emails have accounts. */
const invalidCredentials = () =>
  new HttpError(401, 'Check the email and the password, or sign up', {
    error: 'Invalid email or password',
  });

/** What the JSON body says, without the blanks a form may leave around an email. */
async function trimEmail(request: FastifyRequest): Promise<void> {
  const body = request.body as { email?: unknown } | null | undefined;
  if (body && typeof body === 'object' && typeof body.email === 'string')
    body.email = body.email.trim();
}

/** Sign-up, sign-in and sign-out: the routes that start and end the session of a cookie. */
export const signInRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (app, context) => {
  const { options, accounts, throttle, passwords, accountsOnly, userResponse } = context;
  const { startSession, endRequestSession } = context;
  const { cookie } = app.authentication;

  app.post(
    '/sign-up',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account and sign in',
        description:
          'With the setup code the API logs at start while no admin exists, the account becomes ' +
          '`admin` and takes the todos, exports and feeds made in `AUTH_MODE=local` (in every ' +
          'SIGN_UP mode; with ADMIN_EMAIL, that email only). Any other account is `member`: ' +
          'with SIGN_UP=invite it needs an unused invite, with SIGN_UP=closed there is none. ' +
          'Answers with the session cookie.',
        body: SignUpBody,
        response: {
          201: UserResponse,
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
          429: ErrorResponse,
        },
      },
      config: {
        public: true,
        ...(options.mode === 'accounts' && {
          rateLimit: {
            max: options.signUpLimitPerClient,
            timeWindow: THROTTLE_WINDOW_S * 1000,
          },
        }),
      },
      ...accountsOnly,
      preValidation: trimEmail,
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      const problem = passwordProblem(request.body.password, email);
      if (problem) throw badPassword('password', problem);
      const admission = admissionOf(email, request.body, options);
      // Checked first to spare a hash; the insert checks again (two sign-ups at once).
      if (await accounts.findByEmail(email)) throw emailTaken();
      const outcome = await accounts.create(
        email,
        await hashPassword(request.body.password),
        admission,
      );
      if ('refused' in outcome)
        throw outcome.refused === 'email-taken' ? emailTaken() : admissionRefused(outcome.refused);
      await startSession(request, reply, outcome.user.id);
      return reply.code(201).send(userResponse(outcome.user));
    },
  );

  app.post(
    '/sign-in',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in: a new session cookie',
        description:
          `Failed attempts are throttled per account (${options.throttle.perAccount}) and per client ` +
          `(${options.throttle.perClient}) in ${THROTTLE_WINDOW_S / 60}-minute windows: then 429 with Retry-After.`,
        body: SignInBody,
        response: { 200: UserResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
      config: { public: true },
      ...accountsOnly,
      preValidation: trimEmail,
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      const user = await throttle.attempt(email, clientKey(request.ip), async () => {
        const found = await accounts.findByEmail(email);
        // An unknown email is verified too (against a dummy hash): it takes as long.
        const matches = await (
          await passwords()
        ).verify(found?.passwordHash, request.body.password);
        return matches ? found : null;
      });
      if (!user) throw invalidCredentials();
      await startSession(request, reply, user.id);
      return userResponse(user);
    },
  );

  app.post(
    '/sign-out',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End this session and clear its cookie',
        description: 'Succeeds also without a session (one that ended already, say).',
        response: { 204: Done },
      },
      config: { public: true },
      ...accountsOnly,
    },
    async (request, reply) => {
      await endRequestSession(request);
      cookie.clear(reply);
      return noContent(reply);
    },
  );
};
