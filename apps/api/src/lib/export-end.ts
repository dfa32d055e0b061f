import { isFinalExportStatus, type ExportEvent } from '@taskoverflow/contracts';
import type { DatabaseEvents, ExportEventState } from '@taskoverflow/db';

/** The announcement that an export ended, as {@link DatabaseEvents.onExportEvent} gives it. */
export interface ExportEnd {
  event: ExportEvent;
  state: ExportEventState | null;
}

export interface ExportEndWait {
  /**
   * Settles when the export is announced SUCCESS or FAILURE, with that
   * announcement, or after the wait without one (never rejects).
   */
  ended: Promise<ExportEnd | undefined>;
  /** Stops waiting (settling `ended`). */
  cancel(): void;
}

/**
 * Waits, at most `timeoutMs`, for the database to announce that export `id`
 * ended; at once when no announcements are being received. Start it before
 * reading the export, so that an end committed in between is not missed.
 */
export function waitForExportEnd(
  events: DatabaseEvents,
  id: string,
  timeoutMs: number,
): ExportEndWait {
  let cancel = (_end?: ExportEnd) => {};
  const ended = new Promise<ExportEnd | undefined>((resolve) => {
    if (!events.listening) return resolve(undefined);
    const timer = setTimeout(() => cancel(), timeoutMs);
    const unsubscribe = events.onExportEvent((event, state) => {
      if (event.task_id === id && isFinalExportStatus(event.task_status)) cancel({ event, state });
    });
    cancel = (end) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(end);
    };
  });
  return { ended, cancel: () => cancel() };
}

/**
 * How long a client lets the status wait for the export to end: RFC 7240's
 * `Prefer: wait=<seconds>`, within `maxMs`; `maxMs` when it does not say.
 */
export function statusWaitMs(prefer: string | string[] | undefined, maxMs: number): number {
  const seconds = /(?:^|[\s,;])wait=(\d+)/i.exec([prefer ?? ''].flat().join(','))?.[1];
  return seconds === undefined ? maxMs : Math.min(Number(seconds) * 1000, maxMs);
}
