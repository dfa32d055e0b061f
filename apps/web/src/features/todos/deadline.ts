import { floatingWallClock, isWithinWindow, parseDeadline } from '@taskoverflow/contracts/values';

// Deadlines are floating wall-clock times: the user's "14:00 on 1 March" stays
// 14:00 wherever the page runs, so their fields are carried over as they are
// (the contracts' Date holds them in its UTC fields; the page shows them as
// local ones) and never converted between zones. A date alone (`YYYY-MM-DD`)
// is an all-day deadline: it has no time of day, and none is made up for it.

/** Whether a deadline is a date alone: due some time that day. */
export function isAllDay(deadline: string): boolean {
  return !deadline.includes('T');
}

/**
 * The local `Date` a deadline names (an all-day one: its day's start), or null
 * when the contracts' rule does not read it; for the browser's date formatting.
 */
export function deadlineToLocalDate(deadline: string): Date | null {
  const at = parseDeadline(deadline)?.at;
  return at === undefined
    ? null
    : new Date(
        at.getUTCFullYear(),
        at.getUTCMonth(),
        at.getUTCDate(),
        at.getUTCHours(),
        at.getUTCMinutes(),
        at.getUTCSeconds(),
      );
}

/** Splits a deadline into the values of a date input and a time input (empty for an all-day one). */
export function splitDeadline(deadline: string | null): { date: string; time: string } {
  if (deadline === null) return { date: '', time: '' };
  const [date = '', time = ''] = deadline.split('T');
  return { date, time: time.slice(0, 5) };
}

/** Joins date and time input values into a deadline: a date alone without a time; seconds are always written. */
export function joinDeadline(date: string, time: string): string {
  if (time === '') return date;
  return `${date}T${time.length === 5 ? `${time}:00` : time}`;
}

const dateFormatter = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const dateTimeFormatter = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A deadline as the user reads it, e.g. "Sun, 1 Mar 2026, 14:00", or "Sun, 1 Mar 2026 (all day)". */
export function formatDeadline(deadline: string): string {
  const date = deadlineToLocalDate(deadline);
  if (!date) return deadline;
  return isAllDay(deadline)
    ? `${dateFormatter.format(date)} (all day)`
    : dateTimeFormatter.format(date);
}

/**
 * True when the deadline is within the API's `window` of `days` from `now`
 * (past deadlines included), by the contracts' one rule, with the browser's
 * wall clock as the floating "now".
 */
export function isDueWithin(deadline: string | null, days: number, now: Date): boolean {
  const at = deadline === null ? undefined : parseDeadline(deadline)?.at;
  return at !== undefined && isWithinWindow(at, floatingWallClock(now), days);
}
