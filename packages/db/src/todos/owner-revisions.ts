import DataLoader from 'dataloader';
import sql from 'sql-template-tag';
import { prepared, rows, type Database } from '../database.js';

/** The owners' current revisions (the text of a bigint), as each reader of their todos sees them. */
export interface OwnerRevisions {
  /** `ownerId`'s revision now, or undefined for an owner who does not exist. */
  current(ownerId: string): Promise<string | undefined>;
}

/**
 * Reads owner revisions, the look-ups made in the same tick sharing one query:
 * a cached todo list is checked against its owner's revision at every read, so
 * under load one round trip serves every read that waits for it.
 */
export function createOwnerRevisions(db: Database): OwnerRevisions {
  const loader = new DataLoader<string, string | undefined>(
    async (ownerIds) => {
      const found = await rows<{ owner_id: string; revision: string }>(
        db,
        prepared(
          'owner-revisions',
          sql`SELECT owner_id::text, revision::text FROM owner_revisions
               WHERE owner_id = ANY(${ownerIds}::uuid[])`,
        ),
      );
      const byOwner = new Map(found.map((row) => [row.owner_id, row.revision]));
      return ownerIds.map((ownerId) => byOwner.get(ownerId));
    },
    // Never a remembered answer: each read must see the revisions committed before it started.
    { cache: false },
  );
  return { current: (ownerId) => loader.load(ownerId) };
}
