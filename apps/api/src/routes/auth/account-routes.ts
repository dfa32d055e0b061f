import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBody,
  ErrorResponse,
  UpdateUserBody,
  UserResponse,
} from '@taskoverflow/contracts';
import { Done, noContent } from '../../lib/no-content.js';
import { accountGone, badPassword, type AuthContext } from './auth-context.js';
import { passwordProblem } from './password-policy.js';
import { hashPassword } from './passwords.js';

/**
 * The caller's account: who am I, its settings and its password. `/me`
 * answers in AUTH_MODE=local too (the local owner: that is how a client
 * learns there is no sign-in).
 */
export const accountRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (app, context) => {
  const { accounts, callerAccount, confirmPassword, credentialsOnly, userResponse } = context;
  const { forgetUser } = app.authentication;

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

  app.put(
    '/password',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Change the password; every other session of the account ends, and its API tokens too',
        description:
          'Needs a signed-in session and the current password; wrong ones are throttled as sign-ins are. ' +
          'With `revoke_tokens: false` the API tokens stay.',
        body: ChangePasswordBody,
        response: { 204: Done, 400: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse },
      },
      ...credentialsOnly,
    },
    async (request, reply) => {
      const { current_password: current, new_password: next, revoke_tokens } = request.body;
      const user = await callerAccount(request);
      const problem = passwordProblem(next, user.email);
      if (problem) throw badPassword('new_password', problem);
      await confirmPassword(request, user, current);
      const { credential } = request.caller;
      await accounts.changePassword(user.id, await hashPassword(next), {
        keepSessionId: credential.kind === 'session' ? credential.id : undefined,
        revokeTokens: revoke_tokens !== false,
      });
      forgetUser(user.id);
      return noContent(reply);
    },
  );
};
