// The render jobs of calendar feeds, which the database queues itself: one
// `render-owner-feeds` job per owner, never one per feed. The triggers of
// migrations 20261216000000_owner_feed_fan_out and 20261217000000_todo_row_triggers
// call `queue_owner_feed_renders` for every todo an owner's writes change (only
// when the owner has feeds, known from the owner's row that the revision bump
// updates anyway), of a change of the owner's time zone, and of a new feed or a
// change to a feed's settings; the worker's job then renders each feed of the
// owner that is behind the owner's revision, so the writer never loops over
// feeds. Its task name, job key and debounce are written in SQL; the constants
// here are what that SQL must say: test/queue/feed-render-sql.test.ts fails
// when the installed function differs. The job is queued at priority 0, and
// still fair: an owner has at most one waiting render job (one key), so another
// owner's render or export is never behind more than one of them per slot.
import sql, { type Sql } from 'sql-template-tag';
import type { Database } from '../database.js';
import { RENDER_OWNER_FEEDS_TASK } from './task-names.js';

/**
 * How often an idle worker polls the queue, and the least time between the
 * starts of two render jobs of an owner: one setting, so a burst of edits makes
 * at most one render per poll (a shorter debounce would only wait for the poll anyway).
 */
export const QUEUE_POLL_INTERVAL_MS = 500;

/** An owner's render job key: one per owner, so renders queued before one starts are one job. */
export function ownerFeedsJobKey(ownerId: string): string {
  return `${RENDER_OWNER_FEEDS_TASK}:${ownerId}`;
}

/**
 * A call of `queue_owner_feed_renders` that queues the render of `ownerId`'s
 * feeds now (an SQL expression, e.g. a column): to select from the owners it renders.
 */
export function queueOwnerFeedRendersNow(ownerId: Sql): Sql {
  return sql`queue_owner_feed_renders(${ownerId}, NULL)`;
}

/**
 * Whether the owner's last render job started less than QUEUE_POLL_INTERVAL_MS
 * ago (false when none ever started): an SQL condition on `owner_revisions`. A job queued from a write whose
 * transaction read the start before the last job recorded it is due at once,
 * and may start while that job still renders.
 */
export const RENDER_STARTED_RECENTLY = sql`coalesce(feeds_render_started_at > now() - ${QUEUE_POLL_INTERVAL_MS} * INTERVAL '1 millisecond', false)`;

/**
 * A call of `queue_owner_feed_renders` that queues the render of `ownerId`'s
 * feeds half a second after the last one started (columns of `owner_revisions`).
 */
export const QUEUE_OWNER_FEED_RENDERS_AFTER_LAST = sql`queue_owner_feed_renders(owner_id, feeds_render_started_at)`;

/**
 * Queues the rest of a render pass of `ownerId`'s feeds, due at once, behind
 * the jobs already due (equal priorities run oldest first): a pass gives its
 * worker slot back between slices, so another owner's job waits for one slice
 * at most, not for every feed. A writer's job of the same key merges into it
 * (its payload, a new start, then wins: the pass waits its half second).
 */
export async function queueOwnerFeedRendersContinuation(
  db: Database,
  ownerId: string,
): Promise<void> {
  await db.query(
    sql`SELECT graphile_worker.add_job(${RENDER_OWNER_FEEDS_TASK},
                                       json_build_object('ownerId', ${ownerId}::uuid, 'continues', true),
                                       job_key := ${ownerFeedsJobKey(ownerId)},
                                       job_key_mode := 'preserve_run_at')`,
  );
}
