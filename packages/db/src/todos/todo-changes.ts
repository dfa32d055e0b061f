// What changed of an owner's todos since one of the owner's revisions. The
// todos' trigger of migration 20261217000000_todo_row_triggers (which also
// keeps the owner's todo_count) keeps the record: each todo written moves its
// owner's revision on once and takes the new revision, and each todo taken
// from an owner (deleted, or given to another owner) leaves a tombstone at the
// revision it moved that owner to.
import sql from 'sql-template-tag';
import { rows, type Database } from '../database.js';

/**
 * How long a tombstone is kept at least: what changed since a revision older
 * than that may miss deletions (the worker's purge deletes older tombstones).
 */
export const TOMBSTONE_RETENTION_DAYS = 30;

/** What changed of an owner's todos since a revision. */
export interface TodoChanges {
  /** The owner's revision now: the changes listed are all those up to it. */
  revision: bigint;
  /** The todos inserted or updated since, that the owner has now: their ids, in the order of their last change. */
  changed: number[];
  /** The todos the owner had then and has no longer (their ids, ascending). */
  deleted: number[];
}

/**
 * What changed of the todos of `ownerId` since the owner's revision `since`, in
 * one statement (so one snapshot), from the (owner, revision) indexes of todos
 * and tombstones. @returns null when there is no such owner.
 */
export async function todoChangesSince(
  db: Database,
  ownerId: string,
  since: bigint,
): Promise<TodoChanges | null> {
  const [found] = await rows<{ revision: string; changed: number[]; deleted: number[] }>(
    db,
    sql`
      SELECT o.revision::text AS revision,
             ARRAY(SELECT t.id FROM todos AS t
                    WHERE t.owner_id = o.owner_id AND t.revision > ${since}::bigint
                    ORDER BY t.revision, t.id) AS changed,
             -- A todo that came back (given back to the owner) is changed, not deleted.
             ARRAY(SELECT DISTINCT s.todo_id FROM todo_tombstones AS s
                    WHERE s.owner_id = o.owner_id AND s.revision > ${since}::bigint
                      AND NOT EXISTS (SELECT FROM todos AS t
                                       WHERE t.id = s.todo_id AND t.owner_id = s.owner_id)
                    ORDER BY s.todo_id) AS deleted
        FROM owner_revisions AS o WHERE o.owner_id = ${ownerId}::uuid`,
  );
  return found ? { ...found, revision: BigInt(found.revision) } : null;
}

/**
 * Deletes the tombstones older than {@link TOMBSTONE_RETENTION_DAYS} (a cron
 * of the worker). One statement: a tombstone is a few bytes, and the purge
 * runs every quarter of an hour. @returns how many it deleted.
 */
export async function purgeOldTombstones(db: Database): Promise<number> {
  const { rowCount } = await db.query(
    sql`DELETE FROM todo_tombstones
         WHERE deleted_at < now() - make_interval(days => ${TOMBSTONE_RETENTION_DAYS})`,
  );
  return rowCount ?? 0;
}
