import { Type } from 'typebox';

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

export const DatabaseUrl = Type.String({ pattern: '^postgres(ql)?://' });

/** How long an ended export is kept before the purge deletes it, in hours (fractions for demonstrations and tests). */
export const ExportTtlHours = Type.Number({ exclusiveMinimum: 0, maximum: 8_760, default: 24 });

/** A number of hours (such as {@link ExportTtlHours}) in whole milliseconds. */
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
