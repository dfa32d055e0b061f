// The pure part of the time zone setting: what its select offers and how a
// choice maps to the API's `time_zone` (an IANA name, `floating`, or null for
// the instance default).
import type { User } from './types';

/** The select's value for "Instance default" (the API's null). */
export const INSTANCE_DEFAULT = '';
/** The API's setting for floating times (FLOATING_TIME_ZONE in the contracts). */
export const FLOATING = 'floating';

export const choiceOf = (setting: User['time_zone']): string => setting ?? INSTANCE_DEFAULT;

export const settingOf = (choice: string): User['time_zone'] =>
  choice === INSTANCE_DEFAULT ? null : choice;

/**
 * The zones to offer: the browser's list, and the user's own setting if the
 * browser lacks it (set through the API, say), so that the select can show it.
 */
export function zoneChoices(setting: User['time_zone'], supported: readonly string[]): string[] {
  if (setting === null || setting === FLOATING || supported.includes(setting))
    return [...supported];
  return [setting, ...supported];
}

/** What the user's calendars use now, in words. */
export function calendarZoneInWords(user: Pick<User, 'time_zone' | 'calendar_time_zone'>): string {
  const zone = user.calendar_time_zone ?? 'floating times (the same clock time everywhere)';
  return user.time_zone === null ? `${zone}, the instance default` : zone;
}
