import type {
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
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

/** The date and time fields of a wall-clock time held in a Date's UTC fields. */
class WallClockFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(wallClock: Date) {
    this.year = wallClock.getUTCFullYear();
    this.month = wallClock.getUTCMonth() + 1;
    this.day = wallClock.getUTCDate();
    this.hour = wallClock.getUTCHours();
    this.minute = wallClock.getUTCMinutes();
    this.second = wallClock.getUTCSeconds();
  }

  protected isoDate(): string {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  protected isoDateTime(): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${this.isoDate()}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`;
  }
}

class PlainDate extends WallClockFields implements ICalTemporalPlainDateStub {
  toJSON(): string {
    return this.isoDate();
  }
  override toString(): string {
    return this.isoDate();
  }
}

class PlainWallClock extends WallClockFields implements ICalTemporalPlainDateTimeStub {
  constructor(
    wallClock: Date,
    private readonly zoned: ZonedWallClock,
  ) {
    super(wallClock);
  }
  toPlainDate(): PlainDate {
    return new PlainDate(new Date(Date.UTC(this.year, this.month - 1, this.day)));
  }
  toZonedDateTime(timeZone: string): ZonedWallClock {
    return this.zoned.withTimeZone(timeZone);
  }
  toJSON(): string {
    return this.isoDateTime();
  }
  override toString(): string {
    return this.isoDateTime();
  }
}

/**
 * A wall-clock time in a zone, in the shape of the Temporal.ZonedDateTime
 * that ical-generator accepts (Node.js 20 has no Temporal). ical-generator
 * prints it as `DTSTART;TZID=<zone>:<the wall-clock digits>`, reading only
 * these fields: a native Date would be printed through the *process's* zone.
 * The digits are kept as given, a time in a DST gap included: RFC 5545
 * §3.3.5 tells the reader how to place it.
 */
class ZonedWallClock extends WallClockFields implements ICalTemporalZonedDateTimeStub {
  private readonly plain: PlainWallClock;

  constructor(
    wallClock: Date,
    readonly timeZoneId: string,
  ) {
    super(wallClock);
    this.plain = new PlainWallClock(wallClock, this);
  }
  toPlainDateTime(): PlainWallClock {
    return this.plain;
  }
  withTimeZone(timeZone: string): ZonedWallClock {
    // Converting to another zone would need the zone's offsets; the builder never asks for it.
    if (timeZone !== this.timeZoneId)
      throw new Error(`a wall-clock time in ${this.timeZoneId} cannot be moved to ${timeZone}`);
    return this;
  }
  toInstant(): never {
    // Only an event with both DTSTART and DTEND would ask (to order them); timed deadlines have no DTEND.
    throw new Error('a wall-clock deadline is written as such, never as an instant');
  }
  toJSON(): string {
    return `${this.isoDateTime()}[${this.timeZoneId}]`;
  }
  override toString(): string {
    return this.toJSON();
  }
}

/** The value ical-generator needs to write `wallClock` (its UTC fields, as a floating `Deadline` holds it) with `TZID=<tzid>`. */
export function zonedWallClock(tzid: string, wallClock: Date): ICalTemporalZonedDateTimeStub {
  return new ZonedWallClock(wallClock, tzid);
}
