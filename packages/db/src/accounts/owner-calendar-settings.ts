import { effectiveTimeZone } from '@taskoverflow/contracts';
import sql from 'sql-template-tag';
import { rows, type Database } from '../database.js';

/** How one owner's calendars are written, their settings and the instance's defaults applied. */
export interface CalendarSettings {
  /** The IANA zone of timed events (TZID + VTIMEZONE), or null: they float. */
  timeZone: string | null;
}

/** The calendar settings of an owner: what every calendar of theirs (an export, a feed) is built with. */
export type OwnerCalendarSettings = (ownerId: string) => Promise<CalendarSettings>;

/**
 * Reads owners' calendar settings from `db`; `instanceTimeZone`
 * (CALENDAR_TIME_ZONE) is the zone of an owner who chose none. An owner who
 * is gone gets the defaults: their exports are gone with them.
 */
export function ownerCalendarSettings(
  db: Database,
  instanceTimeZone: string | null,
): OwnerCalendarSettings {
  return async (ownerId) => {
    const [owner] = await rows<{ timeZone: string | null }>(
      db,
      sql`SELECT time_zone AS "timeZone" FROM users WHERE id = ${ownerId}::uuid`,
    );
    return { timeZone: effectiveTimeZone(owner?.timeZone ?? null, instanceTimeZone) };
  };
}
