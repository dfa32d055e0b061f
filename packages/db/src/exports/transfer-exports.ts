import type { Prisma } from '../generated/prisma/client.js';

/**
 * Gives every export of `fromOwnerId` to `toOwnerId` (the first account takes
 * the local owner's), inside the caller's Prisma transaction (the account's
 * creation). Neither status nor job changes: only whose it is; and none of
 * their calendars is reused any more (its todos' revision was another owner's).
 * `toOwnerId` must have no export with the same Idempotency-Key (a new account has none).
 * @returns how many exports it gave.
 */
export function transferExports(
  tx: Prisma.TransactionClient,
  fromOwnerId: string,
  toOwnerId: string,
): Promise<number> {
  return tx.$executeRaw`
    UPDATE calendar_exports SET owner_id = ${toOwnerId}::uuid, todos_revision = NULL
     WHERE owner_id = ${fromOwnerId}::uuid`;
}
