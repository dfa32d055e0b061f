import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBody,
  ErrorResponse,
  UpdateUserBody,
  UserResponse,
} from '@taskoverflow/contracts';
import type { FastifyRequest } from 'fastify';
import { clientKey } from '../../lib/client-key.js';
import { Done, noContent } from '../../lib/no-content.js';
import { HttpError } from '../../plugins/error-handler.js';
import { badPassword, type AuthContext } from './auth-context.js';
import { passwordProblem } from './password-policy.js';
import { hashPassword } from './passwords.js';

const accountGone = () => new HttpError(401, 'This account no longer exists');

/**
 * The caller's account: who am I, its settings and its password. `/me`
 * answers in AUTH_MODE=local too (the local owner: that is how a client
 * learns there is no sign-in).
 */
export const accountRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (app, context) => {
  const { accounts, throttle, passwords, accountsOnly, userResponse } = context;
  const { forgetUser } = app.authentication;

  /** The caller's account (gone if it was deleted since the credential was checked). */
  async function callerAccount(request: FastifyRequest) {
    const user = await accounts.get(request.caller.userId);
    if (!user) throw accountGone();
    return user;
  }

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
