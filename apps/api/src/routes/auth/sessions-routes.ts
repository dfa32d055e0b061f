import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, SessionSummary } from '@taskoverflow/contracts';
import { Type } from 'typebox';
import { Done, noContent } from '../../lib/no-content.js';
import { isUuid } from '../../lib/uuid.js';
import { HttpError } from '../../plugins/error-handler.js';
import { IdParams, type AuthContext } from './auth-context.js';
import { toSessionSummary } from './auth-responses.js';

/** The caller's live sessions: list them, end one, or end them all. */
export const sessionsRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (app, context) => {
  const { options, credentialsOnly } = context;
  const { cookie, sessions, forgetUser } = app.authentication;

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The live sessions of this account, the most recently used first',
        response: { 200: Type.Array(SessionSummary) },
      },
      ...credentialsOnly,
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
      ...credentialsOnly,
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
      ...credentialsOnly,
    },
    async (request, reply) => {
      await sessions.endAll(request.caller.userId);
      forgetUser(request.caller.userId);
      cookie.clear(reply);
      return noContent(reply);
    },
  );
};
