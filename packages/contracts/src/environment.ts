import envSchema from 'env-schema';
import { Type, type Static, type TObject } from 'typebox';

/**
 * Reads `env` against `schema`: defaults applied, numbers converted, and the
 * typed values returned. A missing or bad value throws an error that names the
 * variable (`env/PORT must be integer`), which each process prints before it exits 1.
 */
export function loadEnvironment<Schema extends TObject>(
  schema: Schema,
  env: Record<string, string | undefined>,
): Static<Schema> {
  // `env: false`: read only `env`, so that a caller's (or a test's) values are the whole input.
  return envSchema<Static<Schema>>({ schema, data: env, env: false, dotenv: false });
}

/** Settings every process reads the same way (each app's config module composes them). */
export const CommonEnvironment = {
  NODE_ENV: Type.Union(
    [Type.Literal('development'), Type.Literal('production'), Type.Literal('test')],
    {
      default: 'development',
    },
  ),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) =>
      Type.Literal(level),
    ),
    { default: 'info' },
  ),
};

/** What a process makes of {@link CommonEnvironment}. */
export interface CommonSettings {
  environment: 'development' | 'production' | 'test';
  logLevel: string;
  /** Pretty, human logs in development; JSON lines everywhere else. */
  prettyLogs: boolean;
}

/** {@link CommonEnvironment}'s values as the settings every process has. */
export function commonSettingsOf(values: {
  NODE_ENV: CommonSettings['environment'];
  LOG_LEVEL: string;
}): CommonSettings {
  return {
    environment: values.NODE_ENV,
    logLevel: values.LOG_LEVEL,
    prettyLogs: values.NODE_ENV === 'development',
  };
}

/** DATABASE_URL's form; the launcher's is optional (unset: it starts an embedded PostgreSQL). */
export const DatabaseUrl = Type.String({ pattern: '^postgres(ql)?://' });

/** The port the API listens on; the launcher starts the API on it. */
export const PortEnvironment = {
  PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 3000 }),
};

/** How long an ended export is kept before the purge deletes it, in hours (fractions for demonstrations and tests). */
export const ExportTtlEnvironment = {
  EXPORT_TTL_HOURS: Type.Number({ exclusiveMinimum: 0, maximum: 8_760, default: 24 }),
};

/**
 * How long a worker may stay silent before it is presumed dead: the worker's
 * reaper then unlocks its jobs, and the API's monitor shows it as not alive.
 * At least a second: a heartbeat is a database write, and a wait for a
 * connection or a pause of the process must not make a live worker look dead
 * and get its running export taken and run twice (the worker also asks for
 * two of its heartbeat intervals).
 */
export const WorkerStaleAfterEnvironment = {
  WORKER_STALE_AFTER_MS: Type.Integer({ minimum: 1_000, default: 30_000 }),
};

/**
 * How long an unused session lives, in hours: the API ends it then, and the
 * worker's purge deletes it (both read the one setting).
 */
export const SessionIdleTimeoutEnvironment = {
  SESSION_IDLE_TIMEOUT_HOURS: Type.Number({ exclusiveMinimum: 0, maximum: 8_760, default: 168 }),
};

/** A number of hours (such as EXPORT_TTL_HOURS) in whole milliseconds. */
export const hoursToMs = (hours: number) => Math.round(hours * 3_600_000);

/** The zone of calendars whose owner chose none (an IANA name); unset or empty: they float. */
export const CalendarTimeZoneEnvironment = {
  CALENDAR_TIME_ZONE: Type.String({ default: '' }),
};

/**
 * CALENDAR_TIME_ZONE as a zone, or null (floating); `isSupported` is the
 * calendar builder's own check, so that a zone it cannot write stops the
 * process at start rather than failing every export.
 */
export function instanceTimeZoneOf(
  value: string,
  isSupported: (name: string) => boolean,
): string | null {
  if (value === '') return null;
  if (!isSupported(value))
    throw new Error(
      `env/CALENDAR_TIME_ZONE must be an IANA time zone such as Europe/Berlin (case-sensitive), got ${JSON.stringify(value)}`,
    );
  return value;
}
