import type { PrismaClient, Session, UserRole } from '../generated/prisma/client.js';
import { randomSecret, sha256Hex } from '../secrets.js';
import { lockUserIn } from './user-quota.js';

export interface SessionTimeouts {
  /** A session unused this long has ended. */
  idleTimeoutMs: number;
  /** A session this old has ended, used or not. */
  absoluteTimeoutMs: number;
}

export interface SessionsOptions extends SessionTimeouts {
  /**
   * Live sessions one user may have (QUOTA_SESSIONS): a sign-in beyond it
   * ends the oldest rather than being refused, for the user at the keyboard
   * is the one to keep. Null: no limit (AUTH_MODE=local, where nobody signs in).
   */
  quota?: number | null;
}

/** A live session as authentication needs it. */
export interface SessionIdentity {
  /** SHA-256 of the secret: the row's id. */
  id: string;
  publicId: string;
  userId: string;
  role: UserRole;
  lastSeenAt: Date;
  /** The absolute expiry. */
  expiresAt: Date;
}

/** When a session ends unless it is used again: its idle expiry, or its absolute one if sooner. */
export function sessionEnd(
  session: Pick<Session, 'lastSeenAt' | 'expiresAt'>,
  idleTimeoutMs: number,
): Date {
  return new Date(
    Math.min(session.lastSeenAt.getTime() + idleTimeoutMs, session.expiresAt.getTime()),
  );
}

const USER_AGENT_MAX_LENGTH = 500;

/**
 * The only place sessions are read and written. A session is its row: ending
 * one deletes it. Whether it is alive is decided here, by both timeouts.
 */
export function createSessionsRepository(
  prisma: PrismaClient,
  { idleTimeoutMs, absoluteTimeoutMs, quota = null }: SessionsOptions,
  clock: () => Date = () => new Date(),
) {
  const idleSince = (now: Date) => new Date(now.getTime() - idleTimeoutMs);
  /** The condition of a live session now. */
  const alive = (now = clock()) => ({
    expiresAt: { gt: now },
    lastSeenAt: { gt: idleSince(now) },
  });

  return {
    /**
     * A new session of `userId` (a new id at every sign-in: ASVS 7.2.4), and
     * the end of its sessions that have expired (rows are deleted lazily,
     * here) and of its oldest ones beyond the quota, all in one transaction,
     * under the user's lock so that sign-ins at once cannot keep too many.
     * An ended session's cookie stops working at once: deleting it announces it.
     * @returns the secret for the cookie; only its hash is stored.
     */
    async start(userId: string, userAgent: string | undefined): Promise<string> {
      const secret = randomSecret();
      const id = sha256Hex(secret);
      const now = clock();
      await prisma.$transaction(async (tx) => {
        if (quota !== null) await lockUserIn(tx, userId);
        await tx.session.deleteMany({
          where: {
            userId,
            OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleSince(now) } }],
          },
        });
        await tx.session.create({
          data: {
            id,
            userId,
            userAgent: userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
            createdAt: now,
            lastSeenAt: now,
            expiresAt: new Date(now.getTime() + absoluteTimeoutMs),
          },
          select: { id: true },
        });
        if (quota === null) return;
        // What is left is live: the new one stays, and the newest others up to the quota.
        const beyond = await tx.session.findMany({
          where: { userId, id: { not: id } },
          orderBy: { createdAt: 'desc' },
          skip: quota - 1,
          select: { id: true },
        });
        if (beyond.length > 0)
          await tx.session.deleteMany({ where: { id: { in: beyond.map(({ id }) => id) } } });
      });
      return secret;
    },

    /** The live session whose secret hashes to `id`, with its user's role. */
    async find(id: string): Promise<SessionIdentity | null> {
      const found = await prisma.session.findFirst({
        where: { id, ...alive() },
        select: {
          id: true,
          publicId: true,
          userId: true,
          lastSeenAt: true,
          expiresAt: true,
          user: { select: { role: true } },
        },
      });
      if (!found) return null;
      const { user, ...session } = found;
      return { ...session, role: user.role };
    },

    /**
     * Records that the session was used now (which puts its idle expiry off).
     * @returns false when it has ended meanwhile.
     */
    async touch(id: string): Promise<boolean> {
      const { count } = await prisma.session.updateMany({
        where: { id, ...alive() },
        data: { lastSeenAt: clock() },
      });
      return count > 0;
    },

    /** The user's live sessions, the most recently used first. */
    list(userId: string): Promise<Session[]> {
      return prisma.session.findMany({
        where: { userId, ...alive() },
        orderBy: { lastSeenAt: 'desc' },
      });
    },

    /** Ends the session whose secret hashes to `id` (sign-out). */
    async end(id: string): Promise<void> {
      await prisma.session.deleteMany({ where: { id } });
    },

    /** Ends the user's session named `publicId`; false when the user has none of that name. */
    async endByPublicId(userId: string, publicId: string): Promise<boolean> {
      const { count } = await prisma.session.deleteMany({ where: { userId, publicId } });
      return count > 0;
    },

    /** Ends every session of the user ("sign out everywhere"). */
    async endAll(userId: string): Promise<void> {
      await prisma.session.deleteMany({ where: { userId } });
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
