import type pg from 'pg';
import sql, { raw } from 'sql-template-tag';
import { selectionOf, type TodoSelection } from '../todos/todo-selection.js';
import {
  calendarSettingsOf,
  ownerCalendarSettings,
  ownerTimeZoneSql,
  type CalendarSettings,
} from '../accounts/owner-calendar-settings.js';
import { endOfExport } from './export-lifetime.js';
import { moveExport, type AttemptFence, type ExportMove } from './move-export.js';
import { releaseExport } from './reassign-export.js';

/** A finished calendar, as stored with its export. */
export interface StoredCalendar {
  /** The calendar's text, gzip-compressed. */
  content: Uint8Array<ArrayBuffer>;
  contentEncoding: 'gzip';
  /** Size and SHA-256 of the text itself. */
  sizeBytes: number;
  contentSha256: string;
  todoCount: number;
  eventCount: number;
}

/**
 * One attempt at generating an export, by the worker running the export's job.
 * Every write is fenced: it happens only while the export is still this
 * attempt's — not cancelled, not taken over by another worker after this one
 * was presumed dead, not given to a newer attempt. Each returns false when it
 * was not (the attempt should then stop, writing nothing more).
 */
export interface ExportAttempt {
  readonly exportId: string;
  /** 1 for the first attempt; attempts given back at shutdown are not counted. */
  readonly number: number;
  readonly maxAttempts: number;
  /** Whether no attempt follows this one if it fails. */
  readonly isLast: boolean;
  /** Whose export it is: only their todos are read. */
  readonly ownerId: string;
  /** The todos the export asked for. */
  readonly selection: TodoSelection;
  /** The owner's calendar settings, as they are at the todos' revision this attempt took (or later). */
  readonly calendarSettings: CalendarSettings;
  /** Records how far it got (a share below 1, and the todos read so far). */
  recordProgress(progress: number, todoCount: number): Promise<boolean>;
  /** SUCCESS with the calendar. */
  succeed(calendar: StoredCalendar): Promise<boolean>;
  /** RETRY with the error: the attempt then throws, and graphile-worker runs the job again later. */
  retry(error: string): Promise<boolean>;
  /** FAILURE with the error: the last attempt failed, or no attempt could succeed. */
  fail(error: string): Promise<boolean>;
  /**
   * Gives the export up without using an attempt (the worker is shutting
   * down): RETRY on a new job that another worker takes. The attempt then
   * returns normally, and its job's completion deletes a job that no longer matters.
   */
  release(reason: string): Promise<boolean>;
}

export interface AttemptStart {
  exportId: string;
  /** The graphile-worker job this attempt runs (its id, as graphile-worker gives it). */
  jobId: string;
  /** The zone of an owner who chose none (CALENDAR_TIME_ZONE), or null: their events float. */
  instanceTimeZone: string | null;
}

/**
 * What the start returns besides the export: the owner's zone, and whether it
 * is known to be as new as the todos' revision the attempt took. A BEFORE
 * trigger takes that revision with a snapshot of its own, which may be later
 * than the statement's, whose RETURNING reads the zone: a change of zone
 * committed in between bumped the revision, so the two revisions differ and
 * the zone is read again (as a calendar made with an older zone than its
 * revision says would be reused for the new one).
 */
const OWNER_TIME_ZONE = sql`,
  ${ownerTimeZoneSql(raw('calendar_exports.owner_id'))} AS "ownerTimeZone",
  todos_revision IS NOT DISTINCT FROM (SELECT revision FROM owner_revisions
    WHERE owner_id = calendar_exports.owner_id) AS "ownerTimeZoneCurrent"`;

/**
 * Marks the export STARTED for a new attempt of job `jobId`, if that job still
 * owns it, and reads the owner's calendar settings in the same statement.
 * @returns the attempt, or null when there is nothing to do: the
 * export is missing, finished, or owned by another job.
 */
export async function startAttempt(
  pool: pg.Pool,
  { exportId, jobId, instanceTimeZone }: AttemptStart,
  ttlMs: number,
): Promise<ExportAttempt | null> {
  const started = await moveExport<{ ownerTimeZone: string | null; ownerTimeZoneCurrent: boolean }>(
    pool,
    {
      id: exportId,
      to: 'STARTED',
      fence: { jobId },
      countAttempt: true,
      // A new attempt starts from scratch: progress and the count so far are its own.
      data: { startedAt: new Date(), progress: 0, todoCount: null },
      preparedAs: 'export-attempt-start',
    },
    OWNER_TIME_ZONE,
  );
  if (!started) return null;
  const calendarSettings = started.ownerTimeZoneCurrent
    ? calendarSettingsOf(started.ownerTimeZone, instanceTimeZone)
    : await ownerCalendarSettings(pool, instanceTimeZone)(started.ownerId);
  const fence: AttemptFence = { jobId, attempt: started.attempts };
  const move = async (to: ExportMove['to'], data: ExportMove['data'], preparedAs?: string) =>
    (await moveExport(pool, { id: exportId, to, fence, data, preparedAs })) !== null;
  return {
    exportId,
    number: started.attempts,
    maxAttempts: started.maxAttempts,
    isLast: started.attempts >= started.maxAttempts,
    ownerId: started.ownerId,
    selection: selectionOf(started),
    calendarSettings,
    recordProgress: (progress, todoCount) => move('STARTED', { progress, todoCount }),
    // Every export ends so: prepared. Its fields are the same every time (StoredCalendar's, and these).
    succeed: ({ content, contentEncoding, sizeBytes, contentSha256, todoCount, eventCount }) =>
      move(
        'SUCCESS',
        {
          content,
          contentEncoding,
          sizeBytes,
          contentSha256,
          todoCount,
          eventCount,
          progress: 1,
          lastError: null,
          ...endOfExport(ttlMs),
        },
        'export-attempt-success',
      ),
    retry: (error) => move('RETRY', { lastError: error }),
    fail: (error) => move('FAILURE', { lastError: error, ...endOfExport(ttlMs) }),
    release: (reason) =>
      releaseExport(pool, { jobId, exportId, attempt: started.attempts, reason, ttlMs }),
  };
}
