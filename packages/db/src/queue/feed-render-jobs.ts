// The render jobs of calendar feeds, which the database queues itself: the
// triggers of migration 20261213000000_calendar_feeds call `queue_feed_render`
// and `queue_owner_feed_renders`, whose task name, job key and debounce are
// written in SQL. The constants here are what that SQL must say:
// test/queue/feed-render-sql.test.ts fails when the installed functions differ.
import sql, { type Sql } from 'sql-template-tag';
import { RENDER_FEED_TASK } from './task-names.js';

/**
 * How often an idle worker polls the queue, and the least time between two
 * renders of a feed: one setting, so a burst of edits makes at most one
 * render per poll (a shorter debounce would only wait for the poll anyway).
 */
export const QUEUE_POLL_INTERVAL_MS = 500;

/** A feed's render job key: one per feed, so renders queued before one starts are one job. */
export function renderFeedJobKey(feedId: string): string {
  return `${RENDER_FEED_TASK}:${feedId}`;
}

/**
 * A call of `queue_feed_render` that queues a render of `feedId` (an SQL
 * expression, e.g. a column) now: to select from the feeds it renders.
 */
export function queueFeedRenderNow(feedId: Sql): Sql {
  return sql`queue_feed_render(${feedId}, INTERVAL '0')`;
}
