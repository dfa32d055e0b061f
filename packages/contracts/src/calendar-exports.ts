import { Type, type Static } from 'typebox';
import { TodoSelection } from './todos.js';

/** graphile-worker task that builds one export's calendar. */
export const GENERATE_CALENDAR_TASK = 'generate-calendar';
/** graphile-worker cron task that deletes expired exports. */
export const PURGE_EXPIRED_EXPORTS_TASK = 'purge-expired-exports';

/** The job payload: untrusted at the worker's boundary, so parsed against this. */
export const GenerateCalendarPayload = Type.Object(
  { exportId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type GenerateCalendarPayload = Static<typeof GenerateCalendarPayload>;

export const EXPORT_STATUSES = ['PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
/** Statuses after which nothing more happens to an export. */
export const FINAL_EXPORT_STATUSES: readonly ExportStatus[] = ['SUCCESS', 'FAILURE'];

/**
 * What makes a retried `POST /todos/ical` return the first export: printable
 * ASCII, as the IETF Idempotency-Key draft's structured-field string (a UUID is typical).
 */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\u0020-\\u007E]*$';
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
