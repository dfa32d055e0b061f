import type { ExportStatus } from '@taskoverflow/contracts';
import sql, { empty, join, raw, type Sql } from 'sql-template-tag';
import type { CalendarExport } from '../generated/prisma/client.js';
import { prepared, rows, type Database } from '../database.js';
import { IllegalExportTransition, canTransition, statusesLeadingTo } from './export-transitions.js';
import { SUMMARY_COLUMNS, type CalendarExportSummary } from './export-summary.js';

/**
 * Who may write: the attempt running the export's job `jobId` and, once that
 * attempt has started, whose number is `attempt`.
 */
export interface AttemptFence {
  jobId: string;
  attempt?: number;
}

/** The columns a move may write with the status: field → column. */
const CHANGEABLE_COLUMNS = {
  attempts: 'attempts',
  lastError: 'last_error',
  todoCount: 'todo_count',
  eventCount: 'event_count',
  progress: 'progress',
  content: 'content',
  contentEncoding: 'content_encoding',
  sizeBytes: 'size_bytes',
  contentSha256: 'content_sha256',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  expiresAt: 'expires_at',
  jobId: 'job_id',
} as const;

/** Values for some of {@link CHANGEABLE_COLUMNS}; a job id is a bigint's decimal text. */
export type ExportChanges = {
  [Field in keyof typeof CHANGEABLE_COLUMNS]?: Field extends 'jobId'
    ? string | null
    : CalendarExport[Field];
};

export interface ExportMove {
  id: string;
  to: ExportStatus;
  /** Write only while the export is still this attempt's. */
  fence?: AttemptFence | undefined;
  /** The other columns written with the status. */
  data?: ExportChanges;
  /** Counts one more attempt (a new attempt starts). */
  countAttempt?: boolean;
  /**
   * Runs the move as this named prepared statement (see `prepared`): only for a
   * move made on every export whose text never varies — the same fields of
   * `data`, the same kind of fence, the same `also`.
   */
  preparedAs?: string;
}

function ownedBy(fence: AttemptFence | undefined): Sql {
  if (!fence) return empty;
  const attempt = fence.attempt === undefined ? empty : sql` AND attempts = ${fence.attempt}`;
  return sql` AND job_id = ${fence.jobId}::bigint${attempt}`;
}

function assignments(to: ExportStatus, data: ExportChanges, countAttempt: boolean): Sql {
  const changes = Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(
      ([field, value]) => sql`${raw(CHANGEABLE_COLUMNS[field as keyof ExportChanges])} = ${value}`,
    );
  if (countAttempt) changes.push(sql`attempts = attempts + 1`);
  return join([sql`status = ${to}::export_status`, ...changes], ', ');
}

/**
 * The one write of an export's status: moves it to `to` along
 * {@link EXPORT_TRANSITIONS}, in one statement (the status, the fence and the
 * data together, so that no concurrent writer can slip between check and write).
 * `also`: more columns to return with the export's (`, expression AS "field"`
 * each), read in the same statement rather than in one more round trip.
 *
 * @returns the export as moved; null when it does not exist or, fenced, is no
 *   longer that attempt's (another attempt, a cancel, a reaper took it).
 * @throws IllegalExportTransition when its status cannot move to `to`.
 */
export async function moveExport<Also extends object = object>(
  db: Database,
  move: ExportMove,
  also: Sql = empty,
): Promise<(CalendarExportSummary & Also) | null> {
  const { id, to, fence, data = {}, countAttempt = false, preparedAs } = move;
  const owner = ownedBy(fence);
  const update = sql`
      UPDATE calendar_exports SET ${assignments(to, data, countAttempt)}
       WHERE id = ${id}::uuid AND status = ANY(${statusesLeadingTo(to)}::export_status[])${owner}
      RETURNING ${SUMMARY_COLUMNS}${also}`;
  const [moved] = await rows<CalendarExportSummary & Also>(
    db,
    preparedAs ? prepared(preparedAs, update) : update,
  );
  if (moved) return moved;
  // Refused: say why, with a look at the export (only on this rare path).
  const [current] = await rows<{ status: ExportStatus }>(
    db,
    sql`SELECT status FROM calendar_exports WHERE id = ${id}::uuid${owner}`,
  );
  if (!current) return null;
  if (!canTransition(current.status, to)) throw new IllegalExportTransition(id, current.status, to);
  // Another writer moved it between the two statements, to a status that may go on: once more.
  return moveExport<Also>(db, move, also);
}
