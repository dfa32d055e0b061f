import { MAX_REFRESH_MINUTES, isSupportedTimeZone } from '@taskoverflow/calendar';
import {
  CalendarTimeZoneEnvironment,
  CommonEnvironment,
  commonSettingsOf,
  DatabaseUrl,
  ExportTtlEnvironment,
  SessionIdleTimeoutEnvironment,
  WorkerStaleAfterEnvironment,
  hoursToMs,
  instanceTimeZoneOf,
  loadEnvironment,
  type CommonSettings,
} from '@taskoverflow/contracts/environment';
import { Type } from 'typebox';

/** The settings this process reads from its environment (names, types, defaults). */
export const Environment = Type.Object({
  ...CommonEnvironment,
  ...CalendarTimeZoneEnvironment,
  DATABASE_URL: DatabaseUrl,
  WORKER_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 100, default: 4 }),
  ...ExportTtlEnvironment,
  ...SessionIdleTimeoutEnvironment,
  WORKER_SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 30_000 }),
  WORKER_HEARTBEAT_INTERVAL_MS: Type.Integer({ minimum: 10, default: 5_000 }),
  ...WorkerStaleAfterEnvironment,
  EXPORT_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 50_000, default: 2_000 }),
  EXPORT_MAX_TODOS: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 100_000 }),
  FEED_REFRESH_MINUTES: Type.Integer({ minimum: 1, maximum: MAX_REFRESH_MINUTES, default: 15 }),
});

export interface WorkerConfig extends CommonSettings {
  databaseUrl: string;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** How long a finished export (its calendar or its error) is kept before the purge deletes it. */
  exportTtlMs: number;
  /** A session unused this long has ended (the API's setting): the purge deletes it. */
  sessionIdleTimeoutMs: number;
  /** On SIGTERM/SIGINT, how long jobs in flight may take before they are released for another worker. */
  shutdownGraceMs: number;
  /** How often this process says it is alive, and looks for pools that stopped saying so. */
  heartbeatIntervalMs: number;
  /** A pool silent for this long is presumed dead: its jobs are unlocked for others. */
  staleAfterMs: number;
  /** Todos read per query while generating a calendar. */
  exportBatchSize: number;
  /** The most todos one calendar (an export or a feed) may hold: it is built in memory, and this bounds that memory. */
  exportMaxTodos: number;
  /** The zone of calendars whose owner chose none (null: they float). */
  calendarTimeZone: string | null;
  /** How often a feed tells the calendar apps subscribed to it to fetch it again. */
  feedRefreshMinutes: number;
}

/**
 * Reads and validates the environment once; a bad value throws an error that
 * names the variable (the process entry prints it and exits 1).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const values = loadEnvironment(Environment, env);
  // Below two beats, one late heartbeat would get a live pool's jobs taken from it.
  if (values.WORKER_STALE_AFTER_MS < 2 * values.WORKER_HEARTBEAT_INTERVAL_MS) {
    throw new Error(
      `env/WORKER_STALE_AFTER_MS (${values.WORKER_STALE_AFTER_MS}) must be at least twice ` +
        `WORKER_HEARTBEAT_INTERVAL_MS (${values.WORKER_HEARTBEAT_INTERVAL_MS})`,
    );
  }
  return {
    ...commonSettingsOf(values),
    databaseUrl: values.DATABASE_URL,
    concurrency: values.WORKER_CONCURRENCY,
    exportTtlMs: hoursToMs(values.EXPORT_TTL_HOURS),
    sessionIdleTimeoutMs: hoursToMs(values.SESSION_IDLE_TIMEOUT_HOURS),
    shutdownGraceMs: values.WORKER_SHUTDOWN_GRACE_MS,
    heartbeatIntervalMs: values.WORKER_HEARTBEAT_INTERVAL_MS,
    staleAfterMs: values.WORKER_STALE_AFTER_MS,
    exportBatchSize: values.EXPORT_BATCH_SIZE,
    exportMaxTodos: values.EXPORT_MAX_TODOS,
    calendarTimeZone: instanceTimeZoneOf(values.CALENDAR_TIME_ZONE, isSupportedTimeZone),
    feedRefreshMinutes: values.FEED_REFRESH_MINUTES,
  };
}
