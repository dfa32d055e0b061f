import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiTokenSummary,
  CreateApiTokenBody,
  CreatedApiToken,
  DEFAULT_TOKEN_SCOPE,
  ErrorResponse,
  CreationForbidden,
} from '@taskoverflow/contracts';
import { Type } from 'typebox';
import { Done, noContent } from '../../lib/no-content.js';
import { isUuid } from '../../lib/uuid.js';
import { HttpError } from '../../plugins/error-handler.js';
import { IdParams, type AuthContext } from './auth-context.js';
import { toApiTokenSummary } from './auth-responses.js';

/** The caller's API tokens: create one (its secret shown once), list them, revoke one. */
export const tokensRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (app, context) => {
  const { callerAccount, confirmPassword, credentialsOnly } = context;
  const { tokens, forgetUser } = app.authentication;

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token (shown this once)',
        description:
          'Needs a signed-in session (not another token) and the current password; ' +
          'wrong ones are throttled as sign-ins are.',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, 400: ErrorResponse, 403: CreationForbidden },
      },
      ...credentialsOnly,
    },
    async (request, reply) => {
      const { name, current_password: password, scope = DEFAULT_TOKEN_SCOPE } = request.body;
      await confirmPassword(request, await callerAccount(request), password);
      const { token, record } = await tokens.create(request.caller.userId, name, scope);
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
      ...credentialsOnly,
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
      ...credentialsOnly,
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
};
