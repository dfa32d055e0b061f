import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreatedInvite,
  ErrorResponse,
  INVITE_LIFETIME_DAYS,
  INVITE_PARAMETER,
  InviteSummary,
} from '@taskoverflow/contracts';
import { createInvitesRepository, type Invite } from '@taskoverflow/db';
import { Type } from 'typebox';
import { siteUrl } from '../../lib/api-url.js';
import { Done, noContent } from '../../lib/no-content.js';
import { isUuid } from '../../lib/uuid.js';
import { HttpError } from '../../plugins/error-handler.js';

export interface InvitesRoutesOptions {
  publicUrl: string | undefined;
}

const DAY_MS = 86_400_000;

const toInviteSummary = (invite: Invite): InviteSummary => ({
  id: invite.id,
  created_at: invite.createdAt.toISOString(),
  expires_at: invite.expiresAt.toISOString(),
});

/**
 * The admin's invite links (for SIGN_UP=invite): make one (its link shown
 * once), list those still usable, revoke one. Anyone else finds nothing here (404).
 */
export const invitesRoutes: FastifyPluginAsyncTypebox<InvitesRoutesOptions> = async (
  app,
  options,
) => {
  const invites = createInvitesRepository(app.prisma, INVITE_LIFETIME_DAYS * DAY_MS);

  app.addHook('preHandler', async (request) => {
    if (request.caller.role !== 'admin') throw new HttpError(404, 'Not Found');
  });

  app.post(
    '/',
    {
      // Who may join the instance is the account's business: a session only, never a token.
      config: { scope: 'account' },
      schema: {
        tags: ['admin'],
        summary: `Make a single-use invite link (shown this once; works ${INVITE_LIFETIME_DAYS} days)`,
        response: { 201: CreatedInvite, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { token, record } = await invites.create(request.caller.userId);
      const url = siteUrl(request, options.publicUrl, `/?${INVITE_PARAMETER}=${token}`);
      return reply.code(201).send({ ...toInviteSummary(record), url });
    },
  );

  app.get(
    '/',
    {
      config: { scope: 'account' },
      schema: {
        tags: ['admin'],
        summary: 'The invites not used, revoked or expired yet, newest first (never their links)',
        response: { 200: Type.Array(InviteSummary), 404: ErrorResponse },
      },
    },
    async () => (await invites.list()).map(toInviteSummary),
  );

  app.delete(
    '/:id',
    {
      config: { scope: 'account' },
      schema: {
        tags: ['admin'],
        summary: 'Revoke an invite (its link stops working at once)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 204: Done, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!isUuid(id) || !(await invites.revoke(id))) throw new HttpError(404, `No invite ${id}`);
      return noContent(reply);
    },
  );
};
