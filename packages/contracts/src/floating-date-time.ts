/**
 * A floating local time, `YYYY-MM-DDTHH:MM:SS` with no offset: a wall-clock time
 * that means the same hour in every zone, exactly as iCalendar's floating DTSTART.
 * It is stored in a `timestamp without time zone` and carried in JS as the Date
 * whose UTC fields hold the wall-clock fields.
 */
export const FLOATING_DATE_TIME_FORMAT = 'floating-date-time';

const FLOATING_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** The Date holding the given wall-clock time in its UTC fields, or undefined for an impossible one (2026-02-30). */
export function parseFloatingDateTime(text: string): Date | undefined {
  const match = FLOATING_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls over (Feb 30 → Mar 2, 24:00 → next day): an impossible time does not survive the round trip.
  return formatFloatingDateTime(date) === text ? date : undefined;
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
