import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';

/** An IANA time zone as a calendar writes it. */
export interface CalendarTimeZone {
  /**
   * The TZID that events and the VTIMEZONE share: the library's name for the
   * zone, which for a few aliases is the canonical one (`UTC` → `Etc/UTC`).
   */
  tzid: string;
  /** The VTIMEZONE component from timezones-ical-library: CRLF line endings, the last one included, not folded. */
  vtimezone: string;
}

// A TZID is written as a bare parameter value, so it must need no quoting (RFC 5545 §3.1 paramtext).
const PLAIN_TZID = /^[A-Za-z0-9_+\-/]+$/;

let knownZones: ReadonlySet<string> | undefined;

/**
 * Whether {@link resolveTimeZone} (and so the builder's `timeZone` option)
 * accepts `name`: for the API to check a user's time zone setting when it is
 * saved, rather than have the worker fail on it later.
 */
export function isSupportedTimeZone(name: string): boolean {
  // Asking the library about an unknown name makes it print to the console, so its list is asked.
  knownZones ??= new Set(tzlib_get_timezones(false) as string[]);
  return knownZones.has(name);
}

/**
 * Looks up an IANA time zone (`Europe/Berlin`) and its VTIMEZONE, generated
 * from the IANA database by timezones-ical-library rather than written here:
 * the rules change every year somewhere (Brazil dropped DST in 2019, Mexico
 * in 2022), and the library follows each tzdata release.
 *
 * @throws RangeError for a name the library does not know (names are case-sensitive).
 */
export function resolveTimeZone(name: string): CalendarTimeZone {
  let zone = resolvedZones.get(name);
  if (!zone) resolvedZones.set(name, (zone = lookUpTimeZone(name)));
  return zone;
}

// Every calendar in a zone asks for it again; the library generates its VTIMEZONE anew each time.
// At most one entry per zone the library knows (an unknown name throws).
const resolvedZones = new Map<string, CalendarTimeZone>();

function lookUpTimeZone(name: string): CalendarTimeZone {
  if (!isSupportedTimeZone(name))
    throw new RangeError(`options.timeZone is not an IANA time zone: ${JSON.stringify(name)}`);
  const [component, tzidParameter] = tzlib_get_ical_block(name, false) as [string, string];
  const tzid = tzidParameter.replace(/^TZID=/, '');
  const vtimezone = `${component.replace(/\r?\n/g, '\r\n').trim()}\r\n`;
  if (
    !PLAIN_TZID.test(tzid) ||
    !vtimezone.startsWith('BEGIN:VTIMEZONE\r\n') ||
    !vtimezone.endsWith('\r\nEND:VTIMEZONE\r\n') ||
    !vtimezone.includes(`\r\nTZID:${tzid}\r\n`)
  )
    throw new Error(`timezones-ical-library gave no usable VTIMEZONE for ${JSON.stringify(name)}`);
  return { tzid, vtimezone };
}
