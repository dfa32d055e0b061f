import { QuotaExceededError, type QuotaName } from '@taskoverflow/contracts';
import sql from 'sql-template-tag';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/**
 * Holds the user's row until the transaction ends, so that the quota-guarded
 * creations of one user run one after another: two at once cannot both count
 * one below the limit and both insert. FOR NO KEY UPDATE rather than FOR
 * UPDATE: the foreign-key checks of the user's other writes (a todo, an
 * export) take KEY SHARE, which this lock does not block; and no other user
 * waits for it. The count must come in a later statement than this one, for
 * a statement sees the rows committed before it started, not before its lock.
 */
export const lockUser = (userId: string) =>
  sql`SELECT FROM users WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;

/**
 * `create`s something of the user's unless that would take them beyond
 * `quota`: in one transaction, it takes the user's lock ({@link lockUser}),
 * `count`s what they have, and throws QuotaExceededError, having written
 * nothing, when that is already `limit`. `limit` null (AUTH_MODE=local): it
 * just creates.
 */
export async function createWithinQuota<T>(
  prisma: PrismaClient,
  userId: string,
  { quota, limit }: { quota: QuotaName; limit: number | null },
  count: (tx: Prisma.TransactionClient) => Promise<number>,
  create: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  if (limit === null) return create(prisma);
  return prisma.$transaction(async (tx) => {
    await lockUserIn(tx, userId);
    if ((await count(tx)) >= limit) throw new QuotaExceededError(quota, limit);
    return create(tx);
  });
}

/** Takes the user's lock ({@link lockUser}) in the caller's Prisma transaction. */
export async function lockUserIn(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const lock = lockUser(userId);
  await tx.$executeRawUnsafe(lock.text, ...lock.values);
}
