// Deadlines are floating wall-clock times: the user's "14:00 on 1 March" stays
// 14:00 wherever the page runs, so they are built from and shown as local
// components and never pass through UTC.

const FLOATING = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The local `Date` a floating time names, or null when it is malformed. */
export function parseDeadline(deadline: string): Date | null {
  const match = FLOATING.exec(deadline);
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0'] = match.slice(1).map(Number);
  return new Date(year!, month! - 1, day, hour, minute, Number(second));
}

/** Splits a floating time into the values of a date input and a time input. */
export function splitDeadline(deadline: string | null): { date: string; time: string } {
  if (deadline === null) return { date: '', time: '' };
  const [date = '', time = ''] = deadline.split('T');
  return { date, time: time.slice(0, 5) };
}

/** Joins date and time input values into a floating time; seconds are always written. */
export function joinDeadline(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}`;
}

const formatter = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A deadline as the user reads it, e.g. "Sun, 1 Mar 2026, 14:00". */
export function formatDeadline(deadline: string): string {
  const date = parseDeadline(deadline);
  return date ? formatter.format(date) : deadline;
}

/** True when the deadline is at or before `now + days` (past deadlines included, as the API's `window`). */
export function isDueWithin(deadline: string | null, days: number, now: Date): boolean {
  const date = deadline === null ? null : parseDeadline(deadline);
  return date !== null && date.getTime() <= now.getTime() + days * 86_400_000;
}
