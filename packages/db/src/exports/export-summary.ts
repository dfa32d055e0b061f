import { raw } from 'sql-template-tag';
import type { CalendarExport, Prisma } from '../generated/prisma/client.js';

/**
 * The export's columns for callers: without the calendar bytes (they can be
 * tens of MB) and without the job that owns it or the todos' revision it was
 * made from (the store's business).
 */
export type CalendarExportSummary = Omit<CalendarExport, 'content' | 'jobId' | 'todosRevision'>;

/** The columns a {@link CalendarExportSummary} leaves out, as Prisma's `omit` (`true` omits; `false` would keep). */
export const exportSummary = {
  content: true,
  jobId: true,
  todosRevision: true,
} as const satisfies Prisma.CalendarExportOmit;

/** The columns of a {@link CalendarExportSummary}, named as its fields: for SELECT and RETURNING lists. */
export const SUMMARY_COLUMNS = raw(
  [
    'id',
    'owner_id AS "ownerId"',
    'status',
    'completed',
    'window_days AS "windowDays"',
    'idempotency_key AS "idempotencyKey"',
    'attempts',
    'max_attempts AS "maxAttempts"',
    'last_error AS "lastError"',
    'todo_count AS "todoCount"',
    'event_count AS "eventCount"',
    'progress',
    'content_encoding AS "contentEncoding"',
    'size_bytes AS "sizeBytes"',
    'content_sha256 AS "contentSha256"',
    'created_at AS "createdAt"',
    'started_at AS "startedAt"',
    'finished_at AS "finishedAt"',
    'expires_at AS "expiresAt"',
  ].join(', '),
);
