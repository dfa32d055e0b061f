import { Type, type Static } from 'typebox';

/** The time zone setting that keeps a user's calendars floating, whatever the instance's zone. */
export const FLOATING_TIME_ZONE = 'floating';

/**
 * An IANA time zone that the calendar builder knows. The API registers the
 * format with `@taskoverflow/calendar`'s `isSupportedTimeZone`: this package
 * holds no zone data.
 */
export const TIME_ZONE_FORMAT = 'time-zone';

/** A user's choice of zone for their calendars. */
export const TimeZoneSetting = Type.Union(
  [
    Type.String({ format: TIME_ZONE_FORMAT, examples: ['Europe/Berlin'] }),
    Type.Literal(FLOATING_TIME_ZONE),
    Type.Null(),
  ],
  {
    description:
      'An IANA time zone (case-sensitive): timed events carry TZID and a VTIMEZONE; ' +
      '`floating`: the same wall-clock time wherever the reader is; null: the instance default (CALENDAR_TIME_ZONE)',
  },
);
export type TimeZoneSetting = Static<typeof TimeZoneSetting>;

/**
 * The zone a user's calendars are written in, null for floating: their own
 * setting, or the instance's default when they have none.
 */
export function effectiveTimeZone(
  setting: string | null,
  instanceTimeZone: string | null,
): string | null {
  if (setting === null) return instanceTimeZone;
  return setting === FLOATING_TIME_ZONE ? null : setting;
}
