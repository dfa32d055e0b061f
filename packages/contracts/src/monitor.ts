import { Type, type Static } from 'typebox';
import { ExportStatusResponse } from './calendar-exports.js';
import { EXPORT_STATUSES } from './values/export-statuses.js';

const Seconds = Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
  description: 'Seconds; null without data',
});

export const LatencyStats = Type.Object({
  p50: Seconds,
  p95: Seconds,
  p99: Seconds,
});

export const WindowStats = Type.Object({
  minutes: Type.Integer(),
  succeeded: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  per_minute: Type.Number({ minimum: 0, description: 'Exports finished per minute' }),
  wait: LatencyStats,
  run: LatencyStats,
});

export const MonitorSummary = Type.Object(
  {
    exports: Type.Record(Type.Enum(EXPORT_STATUSES), Type.Integer({ minimum: 0 }), {
      description: 'Exports by status (those not yet purged)',
    }),
    queue: Type.Object({
      waiting: Type.Integer({ minimum: 0, description: 'Jobs due and not taken' }),
      scheduled: Type.Integer({ minimum: 0, description: 'Jobs due later (retries in backoff)' }),
      running: Type.Integer({ minimum: 0, description: 'Jobs locked by a worker' }),
      oldest_wait_seconds: Seconds,
    }),
    windows: Type.Array(WindowStats, {
      description: 'Throughput and latency over the last 1, 5 and 60 minutes',
    }),
    per_minute: Type.Array(
      Type.Object({
        minute: Type.String({ format: 'date-time' }),
        succeeded: Type.Integer(),
        failed: Type.Integer(),
      }),
      { description: 'Exports finished in each of the last 60 minutes, oldest first' },
    ),
  },
  { $id: 'MonitorSummary' },
);
export type MonitorSummary = Static<typeof MonitorSummary>;

export const MonitorWorker = Type.Object({
  pool_id: Type.String(),
  hostname: Type.String(),
  pid: Type.Integer(),
  concurrency: Type.Integer(),
  started_at: Type.String({ format: 'date-time' }),
  last_seen_at: Type.String({ format: 'date-time' }),
  alive: Type.Boolean({ description: 'Heard from recently' }),
  jobs: Type.Array(Type.String({ description: 'task_id of each export it is working on' })),
});
export type MonitorWorker = Static<typeof MonitorWorker>;

export const MonitorExport = Type.Object(
  {
    ...ExportStatusResponse.properties,
    next_attempt_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When a RETRY export runs again',
    }),
    worker: Type.Union([Type.String(), Type.Null()], {
      description: 'Pool id of the worker holding its job',
    }),
  },
  { $id: 'MonitorExport' },
);
export type MonitorExport = Static<typeof MonitorExport>;

export const MonitorExportsQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(EXPORT_STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type MonitorExportsQuery = Static<typeof MonitorExportsQuery>;

/** What the event stream sends on every status or progress change of an export. */
export const ExportEvent = Type.Object({
  task_id: Type.String({ format: 'uuid' }),
  owner_id: Type.String({ format: 'uuid', description: 'The user whose export it is' }),
  task_status: Type.Enum(EXPORT_STATUSES),
  progress: Type.Number(),
  attempts: Type.Integer(),
  at: Type.String({ format: 'date-time', description: 'When the database made the change' }),
});
export type ExportEvent = Static<typeof ExportEvent>;
