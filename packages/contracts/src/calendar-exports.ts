import { Type, type Static } from 'typebox';
import { RequestId } from './request-id.js';
import { TodoSelection } from './todos.js';
import { EXPORT_STATUSES } from './values/export-statuses.js';

const ExportId = Type.String({ format: 'uuid' });

/**
 * The task's payload, by version. Payloads are untrusted at the worker's
 * boundary, so parsed against these; each refuses what it does not know, so
 * that no worker runs a job it would half read.
 */
export const GenerateCalendarPayloads = {
  /** As queued before versions existed: the export alone. */
  1: Type.Object({ exportId: ExportId }, { additionalProperties: false }),
  /**
   * With the id of the request that queued the job (absent when the system
   * queued it: a reassignment, a release at shutdown), which the worker logs as
   * the API does (`reqId`): one id finds a request's lines in both services.
   */
  2: Type.Object(
    { version: Type.Literal(2), exportId: ExportId, requestId: Type.Optional(RequestId) },
    { additionalProperties: false },
  ),
};
export type GenerateCalendarVersion = keyof typeof GenerateCalendarPayloads;
/**
 * The versions this build runs, oldest first. A build keeps the version before
 * its newest, so that during a deploy it runs whatever the older build queues.
 */
export const GENERATE_CALENDAR_VERSIONS: readonly GenerateCalendarVersion[] = [1, 2];
/** The version of the jobs this build queues. */
export const GENERATE_CALENDAR_VERSION = 2 satisfies GenerateCalendarVersion;
export type GenerateCalendarPayload<
  Version extends GenerateCalendarVersion = typeof GENERATE_CALENDAR_VERSION,
> = Static<(typeof GenerateCalendarPayloads)[Version]>;

/** Printable ASCII, as the IETF Idempotency-Key draft's structured-field string. */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\u0020-\\u007E]*$';
/** What makes a retried `POST /todos/ical` return the first export (a UUID is typical). */
export const IdempotencyKey = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: IDEMPOTENCY_KEY_PATTERN,
});

export const CreateExportBody = Type.Object(TodoSelection, { additionalProperties: false });
export type CreateExportBody = Static<typeof CreateExportBody>;

export const ExportCreated = Type.Object({
  task_id: Type.String({ format: 'uuid' }),
  task_url: Type.String({ format: 'uri', description: 'Where to poll the status' }),
});
export type ExportCreated = Static<typeof ExportCreated>;

const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const NullableCount = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

export const ExportStatusResponse = Type.Object(
  {
    task_id: Type.String({ format: 'uuid' }),
    task_status: Type.Enum(EXPORT_STATUSES),
    result_url: Type.String({
      format: 'uri',
      description: 'Where to download the calendar once SUCCESS',
    }),
    selection: Type.Object(TodoSelection),
    created_at: Type.String({ format: 'date-time' }),
    started_at: NullableTime,
    finished_at: NullableTime,
    expires_at: NullableTime,
    attempts: Type.Integer({ minimum: 0 }),
    max_attempts: Type.Integer({ minimum: 1 }),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    todo_count: NullableCount,
    event_count: NullableCount,
    size_bytes: NullableCount,
    error: Type.Optional(
      Type.String({ description: 'Why the last attempt failed (RETRY, FAILURE)' }),
    ),
  },
  { $id: 'ExportStatus' },
);
export type ExportStatusResponse = Static<typeof ExportStatusResponse>;
