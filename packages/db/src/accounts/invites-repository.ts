import type { Invite, Prisma, PrismaClient } from '../generated/prisma/client.js';
import { isSecretShaped, randomSecret, sha256Hex } from '../secrets.js';

/**
 * Uses up the invite whose secret is `token` in `tx`, if it is unexpired:
 * @returns whether it was. Rolled back with `tx`, so a sign-up that fails keeps it.
 */
export async function consumeInvite(
  tx: Prisma.TransactionClient,
  token: string,
  now: Date,
): Promise<boolean> {
  if (!isSecretShaped(token)) return false;
  const used = await tx.invite.deleteMany({
    where: { tokenSha256: sha256Hex(token), expiresAt: { gt: now } },
  });
  return used.count === 1;
}

/**
 * The single-use invite links of SIGN_UP=invite, which admins make and revoke.
 * `lifetimeMs`: how long an invite works.
 */
export function createInvitesRepository(
  prisma: PrismaClient,
  lifetimeMs: number,
  clock: () => Date = () => new Date(),
) {
  return {
    /**
     * A new invite by `createdById`, with 256 random bits of secret; expired ones are deleted meanwhile.
     * @returns the secret, to be shown once (only its SHA-256 is stored), and the row.
     */
    async create(createdById: string): Promise<{ token: string; record: Invite }> {
      const now = clock();
      const token = randomSecret();
      const [, record] = await prisma.$transaction([
        prisma.invite.deleteMany({ where: { expiresAt: { lte: now } } }),
        prisma.invite.create({
          data: {
            tokenSha256: sha256Hex(token),
            createdById,
            createdAt: now,
            expiresAt: new Date(now.getTime() + lifetimeMs),
          },
        }),
      ]);
      return { token, record };
    },

    /** The invites that can still be used, newest first. */
    list(): Promise<Invite[]> {
      return prisma.invite.findMany({
        where: { expiresAt: { gt: clock() } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      });
    },

    /** Revokes an invite: @returns whether there was one to revoke. */
    async revoke(id: string): Promise<boolean> {
      return (await prisma.invite.deleteMany({ where: { id } })).count === 1;
    },
  };
}

export type InvitesRepository = ReturnType<typeof createInvitesRepository>;
