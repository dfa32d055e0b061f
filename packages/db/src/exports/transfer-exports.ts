import type { Database } from './database.js';

/**
 * Gives every export of `fromOwnerId` to `toOwnerId` (the first account takes
 * the local owner's), inside the caller's transaction. Neither status nor job
 * changes: only whose it is. `toOwnerId` must have no export with the same
 * Idempotency-Key (a new account has none).
 * @returns how many exports it gave.
 */
export function transferExports(
  db: Database,
  fromOwnerId: string,
  toOwnerId: string,
): Promise<number> {
  return db.$executeRaw`
    UPDATE calendar_exports SET owner_id = ${toOwnerId}::uuid WHERE owner_id = ${fromOwnerId}::uuid`;
}
