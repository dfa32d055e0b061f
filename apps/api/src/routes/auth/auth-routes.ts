import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiTokenSummary,
  ChangePasswordBody,
  CreateApiTokenBody,
  CreatedApiToken,
  ErrorResponse,
  SessionSummary,
  SignInBody,
  SignUpBody,
  UpdateUserBody,
  UserResponse,
} from '@taskoverflow/contracts';
import {
  type User,
  sha256Hex,
  createAccountsRepository,
  normaliseEmail,
  createApiTokensRepository,
  createSessionsRepository,
  type SessionTimeouts,
} from '@taskoverflow/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AuthMode } from '../../config.js';
import { clientKey } from '../../lib/client-key.js';
import { Done, noContent } from '../../lib/no-content.js';
import { isUuid } from '../../lib/uuid.js';
import { HttpError } from '../../plugins/error-handler.js';
import { toApiTokenSummary, toSessionSummary, toUserResponse } from './auth-responses.js';
import { passwordProblem } from './password-policy.js';
import { createPasswordVerifier, hashPassword, type PasswordVerifier } from './passwords.js';
import {
  THROTTLE_WINDOW_S,
  createSignInThrottle,
  type ThrottleLimits,
} from './sign-in-throttle.js';

export interface AuthRoutesOptions {
  mode: AuthMode;
  sessions: SessionTimeouts;
  throttle: ThrottleLimits;
  /** Accounts one client may create per throttle window. */
  signUpLimitPerClient: number;
  /** CALENDAR_TIME_ZONE: the zone of users who chose none (null: floating). */
  calendarTimeZone: string | null;
}

const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

function badPassword(field: string, problem: string): HttpError {
  return new HttpError(400, `${field} ${problem}`, { fields: { [field]: problem } });
}

const emailTaken = () =>
  new HttpError(409, 'An account with this email exists already; sign in instead');

/** One answer for an unknown email and a wrong password, so that nobody learns which emails have accounts. */
const invalidCredentials = () =>
  new HttpError(401, 'Check the email and the password, or sign up', {
    error: 'Invalid email or password',
  });

const accountGone = () => new HttpError(401, 'This account no longer exists');

const accountsOff = () =>
  new HttpError(404, 'AUTH_MODE=local: there is one owner and no sign-in; GET /auth/me names it', {
    error: 'Accounts are off',
  });

/** What the JSON body says, without the blanks a form may leave around an email. */
async function trimEmail(request: FastifyRequest): Promise<void> {
  const body = request.body as { email?: unknown } | null | undefined;
  if (body && typeof body === 'object' && typeof body.email === 'string')
    body.email = body.email.trim();
}

/**
 * The account routes under /auth: sign-up, sign-in, sign-out, who am I and
 * its settings, API tokens, sessions, password change. In AUTH_MODE=local only
 * `GET /auth/me` (the local owner: that is how a client learns there is no
 * sign-in) and `PATCH /auth/me` answer; the others answer 404 "Accounts are off".
 */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const accounts = createAccountsRepository(app.prisma);
  const sessions = createSessionsRepository(app.prisma, options.sessions);
  const tokens = createApiTokensRepository(app.prisma);
  const throttle = createSignInThrottle(options.throttle);
  const { cookie, forgetUser, forgetCredential } = app.authentication;
  const accountsMode = options.mode === 'accounts';
  // Made at the first use (it hashes once), in both paths of a sign-in alike.
  let verifier: Promise<PasswordVerifier> | undefined;
  const passwords = () => (verifier ??= createPasswordVerifier());
  const userResponse = (user: User) => ({ user: toUserResponse(user, options.calendarTimeZone) });

  const refuseInLocalMode = async (): Promise<never> => {
    throw accountsOff();
  };
  /**
   * Spread into the options of every account route but `GET /me`. Spread, not
   * shared: plugins such as @fastify/rate-limit push their hooks into a route's own array.
   */
  const accountsOnly = accountsMode ? {} : { onRequest: refuseInLocalMode };

  /** The caller's account (gone if it was deleted since the credential was checked). */
  async function callerAccount(request: FastifyRequest) {
    const user = await accounts.get(request.caller.userId);
    if (!user) throw accountGone();
    return user;
  }

  /** Ends the session the request came with, if any, and starts a new one (a new id at every sign-in). */
  async function startSession(request: FastifyRequest, reply: FastifyReply, userId: string) {
    await endRequestSession(request);
    cookie.set(reply, await sessions.start(userId, request.headers['user-agent']));
  }

  async function endRequestSession(request: FastifyRequest): Promise<void> {
    const secret = cookie.read(request);
    if (!secret) return;
    const id = sha256Hex(secret);
    await sessions.end(id);
    forgetCredential(id);
  }

  app.post(
    '/sign-up',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account and sign in',
        description:
          'The first account is `admin` and takes the todos and exports made in `AUTH_MODE=local`; ' +
          'later ones are `member`. Answers with the session cookie.',
        body: SignUpBody,
        response: { 201: UserResponse, 400: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse },
      },
      config: {
        public: true,
        ...(accountsMode && {
          rateLimit: {
            max: options.signUpLimitPerClient,
            timeWindow: THROTTLE_WINDOW_S * 1000,
            keyGenerator: (request: FastifyRequest) => clientKey(request.ip),
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
      // Checked first to spare a hash; the insert checks again (two sign-ups at once).
      if (await accounts.findByEmail(email)) throw emailTaken();
      const user = await accounts.create(email, await hashPassword(request.body.password));
      if (!user) throw emailTaken();
      await startSession(request, reply, user.id);
      return reply.code(201).send(userResponse(user));
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

  app.get(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who is calling',
        description:
          'With `AUTH_MODE=local`: the local owner (role `owner`), for there is no sign-in.',
        response: { 200: UserResponse, 401: ErrorResponse },
      },
    },
    async (request) => userResponse(await callerAccount(request)),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change settings of this account: the time zone of its calendars',
        description:
          'Fields left out stay as they are. A new time zone applies to the next export ' +
          '(no earlier calendar is reused for it). With `AUTH_MODE=local`: the local owner’s.',
        body: UpdateUserBody,
        response: { 200: UserResponse, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      const { time_zone: timeZone } = request.body;
      const user =
        timeZone === undefined
          ? await callerAccount(request)
          : await accounts.setTimeZone(request.caller.userId, timeZone);
      if (!user) throw accountGone();
      return userResponse(user);
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token (shown this once)',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, 400: ErrorResponse },
      },
      ...accountsOnly,
    },
    async (request, reply) => {
      const { token, record } = await tokens.create(request.caller.userId, request.body.name);
      return reply.code(201).send({ ...toApiTokenSummary(record), token });
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The API tokens of this account, newest first (never their secrets)',
        response: { 200: Type.Array(ApiTokenSummary) },
      },
      ...accountsOnly,
    },
    async (request) => (await tokens.list(request.caller.userId)).map(toApiTokenSummary),
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke an API token (at once)',
        params: IdParams,
        response: { 204: Done, 404: ErrorResponse },
      },
      ...accountsOnly,
    },
    async (request, reply) => {
      const { userId } = request.caller;
      const { id } = request.params;
      if (!isUuid(id) || !(await tokens.revoke(userId, id)))
        throw new HttpError(404, `No API token ${id}`);
      forgetUser(userId);
      return noContent(reply);
    },
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The live sessions of this account, the most recently used first',
        response: { 200: Type.Array(SessionSummary) },
      },
      ...accountsOnly,
    },
    async (request) => {
      const { credential, userId } = request.caller;
      const current = credential.kind === 'session' ? credential.publicId : undefined;
      return (await sessions.list(userId)).map((session) =>
        toSessionSummary(session, options.sessions.idleTimeoutMs, current),
      );
    },
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End one session of this account (at once)',
        params: IdParams,
        response: { 204: Done, 404: ErrorResponse },
      },
      ...accountsOnly,
    },
    async (request, reply) => {
      const { credential, userId } = request.caller;
      const { id } = request.params;
      if (!isUuid(id) || !(await sessions.endByPublicId(userId, id)))
        throw new HttpError(404, `No session ${id}`);
      forgetUser(userId);
      if (credential.kind === 'session' && credential.publicId === id) cookie.clear(reply);
      return noContent(reply);
    },
  );

  app.delete(
    '/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out everywhere: end every session of this account, this one too',
        description: 'API tokens stay; revoke them one by one.',
        response: { 204: Done },
      },
      ...accountsOnly,
    },
    async (request, reply) => {
      await sessions.endAll(request.caller.userId);
      forgetUser(request.caller.userId);
      cookie.clear(reply);
      return noContent(reply);
    },
  );

  app.put(
    '/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change the password; every other session of the account ends',
        description: 'Needs the current password; wrong ones are throttled as sign-ins are.',
        body: ChangePasswordBody,
        response: { 204: Done, 400: ErrorResponse, 429: ErrorResponse },
      },
      ...accountsOnly,
    },
    async (request, reply) => {
      const { current_password: current, new_password: next } = request.body;
      const user = await callerAccount(request);
      const problem = passwordProblem(next, user.email);
      if (problem) throw badPassword('new_password', problem);
      const verified = await throttle.attempt(user.email, clientKey(request.ip), async () =>
        (await (await passwords()).verify(user.passwordHash, current)) ? user : null,
      );
      if (!verified) {
        throw new HttpError(400, 'The current password is not the one given', {
          error: 'Current password is wrong',
          fields: { current_password: 'is wrong' },
        });
      }
      const { credential } = request.caller;
      const keep = credential.kind === 'session' ? credential.id : undefined;
      await accounts.changePassword(user.id, await hashPassword(next), keep);
      forgetUser(user.id);
      return noContent(reply);
    },
  );
};
