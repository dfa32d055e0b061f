import type { ExportEvent } from '@taskoverflow/contracts';
import type { CalendarExportSummary } from './export-summary.js';

/**
 * The columns of an export that change over its life, besides the status,
 * progress and attempts its event names: what the trigger on calendar_exports
 * adds to an event as `state` (times as JSON text), so that a status answer
 * can be made from the event. Absent when a long `lastError` would not fit in
 * a notification.
 */
export interface ExportEventState {
  lastError: string | null;
  todoCount: number | null;
  eventCount: number | null;
  contentEncoding: string | null;
  sizeBytes: number | null;
  contentSha256: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
}

/**
 * An export as a request read it from the database, and when: `readAt` is the
 * database's clock during the read, in the format of events' `at`; null when
 * the export came from memory (it was SUCCESS, after which nothing changes).
 */
export interface ObservedExport {
  summary: CalendarExportSummary;
  readAt: string | null;
}

/** How the trigger writes an event's `at` and a read its `readAt`: fixed width, so the text orders as the time. */
export const EVENT_TIME_SQL = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const instant = (text: string | null) => (text === null ? null : new Date(text));

/** What no change of an export touches: taken from the read; any other column must come from the event. */
type FixedColumns =
  'id' | 'ownerId' | 'completed' | 'windowDays' | 'idempotencyKey' | 'maxAttempts' | 'createdAt';

/**
 * The export as the event says it is now, made from what `seen` read and the
 * event; null when the event cannot say (the caller then reads the export):
 * it is another export's, or no longer the same owner's (a read in scope would
 * not find it); it has no state; or it may have been committed before the read
 * — its `at` is not later than `readAt` — so that it may be older than what
 * was seen (an export failed, then retried before the read).
 */
export function exportAfterEvent(
  seen: ObservedExport,
  event: ExportEvent,
  state: ExportEventState | null,
): CalendarExportSummary | null {
  const { summary, readAt } = seen;
  if (
    !state ||
    readAt === null ||
    event.task_id !== summary.id ||
    event.owner_id !== summary.ownerId ||
    event.at <= readAt
  )
    return null;
  const changed: Omit<CalendarExportSummary, FixedColumns> = {
    status: event.task_status,
    progress: event.progress,
    attempts: event.attempts,
    lastError: state.lastError,
    todoCount: state.todoCount,
    eventCount: state.eventCount,
    contentEncoding: state.contentEncoding,
    sizeBytes: state.sizeBytes,
    contentSha256: state.contentSha256,
    startedAt: instant(state.startedAt),
    finishedAt: instant(state.finishedAt),
    expiresAt: instant(state.expiresAt),
  };
  return { ...summary, ...changed };
}
