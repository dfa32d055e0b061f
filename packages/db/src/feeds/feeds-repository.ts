import type { CreateFeedBody } from '@taskoverflow/contracts';
import type { CalendarFeed, Prisma, PrismaClient } from '../generated/prisma/client.js';
import { randomSecret, sha256Hex } from '../secrets.js';
import { createWithinQuota } from '../accounts/user-quota.js';

/** A feed's name when none is given: the one apps show for the calendar. */
export const DEFAULT_FEED_NAME = 'TaskOverflow';

/** A feed and the secret of its URL: only right after it was made (or rotated), for it is stored hashed. */
export interface FeedWithSecret {
  feed: CalendarFeed;
  secret: string;
}

/**
 * Gives every feed of `fromOwnerId` to `toOwnerId` (the admin's claim takes the
 * local owner's), inside the caller's Prisma transaction (the account's creation).
 * Their secret URLs keep working: calendar apps subscribed before accounts follow on.
 * @returns how many feeds it gave.
 */
export async function transferFeeds(
  tx: Prisma.TransactionClient,
  fromOwnerId: string,
  toOwnerId: string,
): Promise<number> {
  const { count } = await tx.calendarFeed.updateMany({
    where: { ownerId: fromOwnerId },
    data: { ownerId: toOwnerId },
  });
  return count;
}

/**
 * The feeds a user manages: the only place their rows are made, listed,
 * rotated and deleted. Every call names the owner, so a user can reach only
 * their own. Renders are queued by the database's triggers, not here.
 * `quota`: how many feeds one user may have (null: no limit, AUTH_MODE=local).
 */
export function createFeedsRepository(prisma: PrismaClient, quota: number | null = null) {
  const newSecret = () => {
    const secret = randomSecret();
    return { secret, secretSha256: sha256Hex(secret) };
  };

  return {
    /** A new feed of the owner's. @throws QuotaExceededError when they have as many as the quota allows. */
    async create(ownerId: string, body: CreateFeedBody): Promise<FeedWithSecret> {
      const { secret, secretSha256 } = newSecret();
      const feed = await createWithinQuota(
        prisma,
        ownerId,
        { quota: 'feeds', limit: quota },
        (tx) => tx.calendarFeed.count({ where: { ownerId } }),
        (tx) =>
          tx.calendarFeed.create({
            data: {
              ownerId,
              name: body.name ?? DEFAULT_FEED_NAME,
              completed: body.completed ?? null,
              windowDays: body.window ?? null,
              reminderMinutes: body.reminder_minutes ?? null,
              secretSha256,
            },
          }),
      );
      return { feed, secret };
    },

    /** The user's feeds, newest first. */
    list(ownerId: string): Promise<CalendarFeed[]> {
      return prisma.calendarFeed.findMany({ where: { ownerId }, orderBy: { createdAt: 'desc' } });
    },

    /** A new secret for the user's feed `id`: the old URL stops working with this commit. Null when there is no such feed. */
    async rotate(ownerId: string, id: string): Promise<FeedWithSecret | null> {
      const { secret, secretSha256 } = newSecret();
      const { count } = await prisma.calendarFeed.updateMany({
        where: { id, ownerId },
        data: { secretSha256 },
      });
      if (count === 0) return null;
      const feed = await prisma.calendarFeed.findFirst({ where: { id, ownerId } });
      return feed && { feed, secret };
    },

    /** Ends the user's feed `id`; false when there is no such feed. */
    async remove(ownerId: string, id: string): Promise<boolean> {
      const { count } = await prisma.calendarFeed.deleteMany({ where: { id, ownerId } });
      return count > 0;
    },
  };
}

export type FeedsRepository = ReturnType<typeof createFeedsRepository>;
