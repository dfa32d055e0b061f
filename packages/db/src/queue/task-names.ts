// The graphile-worker tasks, named once. The worker registers its handlers
// under these names, the queue module queues under them, and the feeds' SQL
// triggers are checked against them (test/queue/feed-render-sql.test.ts).
import { GENERATE_CALENDAR_VERSION, taskIdentifier } from '@taskoverflow/contracts';

/** Builds one export's calendar: its name (each version's identifier: `taskIdentifier`). */
export const GENERATE_CALENDAR_TASK = 'generate-calendar';
/** The task identifier of the calendar jobs this build queues. */
export const GENERATE_CALENDAR_IDENTIFIER = taskIdentifier(
  GENERATE_CALENDAR_TASK,
  GENERATE_CALENDAR_VERSION,
);
/** Cron: deletes expired exports. */
export const PURGE_EXPIRED_EXPORTS_TASK = 'purge-expired-exports';
/** Cron: deletes ended sessions. */
export const PURGE_EXPIRED_SESSIONS_TASK = 'purge-expired-sessions';
/**
 * Renders the feeds of one owner that are behind the owner's revision (one job
 * key per owner, so renders are debounced, whatever the number of feeds).
 */
export const RENDER_OWNER_FEEDS_TASK = 'render-owner-feeds';
/** Cron: queues the owners' renders of every feed with a deadline window (the window moves with the clock). */
export const REFRESH_WINDOWED_FEEDS_TASK = 'refresh-windowed-feeds';
