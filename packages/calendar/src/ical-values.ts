// RFC 5545 values as the calendar writes them, in ical-generator's exact
// format (its output for the same event is the reference in the tests): one
// string operation each, where ical-generator builds and parses objects per property.

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number) => String(n).padStart(4, '0');

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, every line break as `\n`. */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, '\\$&').replace(/\r\n|\r|\n/g, '\\n');
}

/** DATE (§3.3.4) of a day held in a Date's UTC fields: `YYYYMMDD`. */
export function dateValue(day: Date): string {
  return pad4(day.getUTCFullYear()) + pad2(day.getUTCMonth() + 1) + pad2(day.getUTCDate());
}

/** DATE-TIME (§3.3.5) without a zone, from a Date's UTC fields: `YYYYMMDDTHHMMSS` (floating, or with a TZID). */
export function wallClockValue(wallClock: Date): string {
  return `${dateValue(wallClock)}T${pad2(wallClock.getUTCHours())}${pad2(wallClock.getUTCMinutes())}${pad2(wallClock.getUTCSeconds())}`;
}

/**
 * DATE-TIME (§3.3.5) of an instant, in UTC: `YYYYMMDDTHHMMSSZ` (whole seconds).
 * @throws RangeError for an invalid Date, naming `what`.
 */
export function utcValue(instant: Date, what: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is not a valid date`);
  return `${wallClockValue(instant)}Z`;
}

/** DURATION (§3.3.6) of `seconds` before (`-P…`), as a reminder's TRIGGER: days, then hours, minutes, seconds. */
export function durationBefore(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  let text = seconds > 0 ? '-P' : 'P';
  if (days > 0) text += `${days}D`;
  if (rest === 0 && days > 0) return text;
  text += 'T';
  const hours = Math.floor(rest / 3_600);
  const minutes = Math.floor((rest % 3_600) / 60);
  if (hours > 0) text += `${hours}H`;
  if (minutes > 0) text += `${minutes}M`;
  if (rest % 60 > 0) text += `${rest % 60}S`;
  else if (hours === 0 && minutes === 0) text += '0S';
  return text;
}
