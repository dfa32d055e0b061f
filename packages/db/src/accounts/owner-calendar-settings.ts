import { effectiveTimeZone } from '@taskoverflow/contracts';
import sql, { type Sql } from 'sql-template-tag';
import { rows, type Database } from '../database.js';

/** How one owner's calendars are written, their settings and the instance's defaults applied. */
export interface CalendarSettings {
  /** The IANA zone of timed events (TZID + VTIMEZONE), or null: they float. */
  timeZone: string | null;
}

/** The calendar settings of an owner: what every calendar of theirs (an export, a feed) is built with. */
export type OwnerCalendarSettings = (ownerId: string) => Promise<CalendarSettings>;

/** The settings of an owner who chose `ownerTimeZone` (null: none), on an instance whose zone is `instanceTimeZone`. */
export function calendarSettingsOf(
  ownerTimeZone: string | null,
  instanceTimeZone: string | null,
): CalendarSettings {
  return { timeZone: effectiveTimeZone(ownerTimeZone, instanceTimeZone) };
}

/** The zone the owner `ownerId` (an expression) chose, null when none or when the owner is gone: to read with another statement. */
export function ownerTimeZoneSql(ownerId: Sql): Sql {
  return sql`(SELECT time_zone FROM users WHERE id = ${ownerId})`;
}

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
      sql`SELECT ${ownerTimeZoneSql(sql`${ownerId}::uuid`)} AS "timeZone"`,
    );
    return calendarSettingsOf(owner?.timeZone ?? null, instanceTimeZone);
  };
}
