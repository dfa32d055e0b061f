const FLOATING_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const FLOATING_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An all-day event on 9999-12-31 would end on a date that iCalendar's four-digit years cannot write.
const LAST_ALL_DAY_DATE = '9999-12-30';

/**
 * Turns a floating local time `YYYY-MM-DDTHH:MM:SS` into a Date whose UTC
 * fields hold that wall-clock time. ical-generator prints a floating event's
 * start from the Date's UTC fields, so this keeps DTSTART exactly equal to the
 * deadline whatever the process's time zone (parsing the string without `Z`
 * would read it in the server's zone and shift it).
 *
 * @throws RangeError when the value is not a real calendar date and time (e.g. `2026-02-30T10:00:00`).
 */
export function parseFloatingTime(value: string): Date {
  const date = FLOATING_TIME.test(value) ? new Date(`${value}Z`) : new Date(Number.NaN);
  // The round trip rejects what Date would silently roll over (Feb 30, 24:00:00).
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== value) {
    throw new RangeError(
      `expected a floating time 'YYYY-MM-DDTHH:MM:SS', got ${JSON.stringify(value)}`,
    );
  }
  return date;
}

/**
 * Turns a date alone `YYYY-MM-DD` into the Date of that day's UTC midnight:
 * a calendar day, not a moment (its UTC fields are the day; no time of day is
 * made up, and UTC has no DST to shift it).
 *
 * @throws RangeError when the value is not a real calendar date (e.g. `2026-02-30`).
 */
export function parseFloatingDate(value: string): Date {
  const date = FLOATING_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`expected a date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  }
  return date;
}

/** The day after a day from {@link parseFloatingDate}, by calendar arithmetic on UTC dates (month, year and leap days included). */
export function nextDay(day: Date): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1));
}

/** A todo's deadline as the calendar writes it. */
export type Deadline =
  /** A time of day: a wall-clock time held in the Date's UTC fields (see {@link parseFloatingTime}). */
  | { allDay: false; wallClock: Date }
  /** A date alone: an all-day event from `day` to the exclusive `nextDay` (UTC midnights). */
  | { allDay: true; day: Date; nextDay: Date };

/**
 * Reads a deadline as the API stores it: `YYYY-MM-DDTHH:MM:SS` (a wall-clock
 * time) or `YYYY-MM-DD` (a date alone, an all-day deadline).
 *
 * @throws RangeError for anything else, or a date or time that does not exist
 * (the message names the form that the value's length suggests).
 */
export function parseDeadline(value: string): Deadline {
  if (value.length === 10) {
    const day = parseFloatingDate(value);
    if (value > LAST_ALL_DAY_DATE)
      throw new RangeError(`an all-day deadline must be on ${LAST_ALL_DAY_DATE} or before`);
    return { allDay: true, day, nextDay: nextDay(day) };
  }
  return { allDay: false, wallClock: parseFloatingTime(value) };
}
