import { parseDeadline as parseStoredDeadline } from '@taskoverflow/contracts/values';

/**
 * A todo's deadline as the calendar writes it: either a time of day, a
 * wall-clock time held in the Date's UTC fields (ical-generator prints a
 * floating event's start from them, so DTSTART equals the deadline whatever
 * the process's zone), or a date alone, an all-day event from `day` to the
 * exclusive `nextDay` (UTC midnights: calendar days, which no DST shifts).
 */
export type Deadline =
  { allDay: false; wallClock: Date } | { allDay: true; day: Date; nextDay: Date };

/** The day after a UTC-midnight day, by calendar arithmetic on UTC dates (month, year and leap days included). */
export function nextDay(day: Date): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1));
}

/**
 * Reads a deadline as the API stores it, by the contracts' one rule:
 * `YYYY-MM-DDTHH:MM:SS` (a wall-clock time) or `YYYY-MM-DD` (a date alone, an
 * all-day deadline, on 9999-12-30 at the latest: its event ends the next day).
 *
 * @throws RangeError for anything else, or a date or time that does not exist.
 */
export function parseDeadline(value: string): Deadline {
  const deadline = parseStoredDeadline(value);
  if (deadline === undefined)
    throw new RangeError(
      `expected a deadline 'YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD', got ${JSON.stringify(value)}`,
    );
  return deadline.allDay
    ? { allDay: true, day: deadline.at, nextDay: nextDay(deadline.at) }
    : { allDay: false, wallClock: deadline.at };
}
