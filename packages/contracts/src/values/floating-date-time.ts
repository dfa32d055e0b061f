/**
 * A floating local time, `YYYY-MM-DDTHH:MM:SS` with no offset: a wall-clock time
 * that means the same hour in every zone, exactly as iCalendar's floating DTSTART.
 * It is stored in a `timestamp without time zone` and carried in JS as the Date
 * whose UTC fields hold the wall-clock fields.
 */
export const FLOATING_DATE_TIME_FORMAT = 'floating-date-time';

/**
 * A date alone, `YYYY-MM-DD`: an all-day deadline. It is stored as its day's
 * midnight (a floating time) marked all day.
 */
export const FLOATING_DATE_FORMAT = 'floating-date';

const FLOATING_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const FLOATING_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An all-day event ends the next day (exclusive): on 9999-12-31 it would end in a year iCalendar cannot write.
const LAST_ALL_DAY_DATE = '9999-12-30';

/** The Date holding the given wall-clock time in its UTC fields, or undefined for an impossible one (2026-02-30). */
export function parseFloatingDateTime(text: string): Date | undefined {
  const match = FLOATING_DATE_TIME.exec(text);
  if (!match) return undefined;
  // Field by field rather than slice().map(): this runs for every event of every export.
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls over (Feb 30 → Mar 2, 24:00 → next day) and reads years 0-99 as 1900-1999: an
  // impossible time does not keep its fields. Compared as numbers, not as formatted text: every
  // exported event parses its deadline, and formatting was a tenth of the calendar's time.
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
    ? date
    : undefined;
}

export function isFloatingDateTime(text: string): boolean {
  return parseFloatingDateTime(text) !== undefined;
}

export function formatFloatingDateTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** The wall-clock time of `instant` in this process's zone (`TZ`), as a floating time. */
export function floatingWallClock(instant: Date): Date {
  return new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000);
}

/** Whether `text` is a real date `YYYY-MM-DD` that an all-day deadline can fall on. */
export function isFloatingDate(text: string): boolean {
  return (
    FLOATING_DATE.test(text) &&
    text <= LAST_ALL_DAY_DATE &&
    parseFloatingDateTime(`${text}T00:00:00`) !== undefined
  );
}

/** A deadline as stored: a floating time (its day's midnight when it is all day), and whether it is all day. */
export interface StoredDeadline {
  at: Date;
  allDay: boolean;
}

/** Reads a deadline as the API takes it: a floating time, or a date alone (all day); undefined for anything else. */
export function parseDeadline(text: string): StoredDeadline | undefined {
  if (isFloatingDate(text)) return { at: parseFloatingDateTime(`${text}T00:00:00`)!, allDay: true };
  const at = parseFloatingDateTime(text);
  return at && { at, allDay: false };
}

/** A stored deadline as the API gives it back: exactly the form it was given in. */
export function formatDeadline({ at, allDay }: StoredDeadline): string {
  const text = formatFloatingDateTime(at);
  return allDay ? text.slice(0, 10) : text;
}
