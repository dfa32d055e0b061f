const FLOATING_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

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
