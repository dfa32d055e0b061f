import { ICalCalendar, escape } from 'ical-generator';
import { REMINDER_MINUTES_MAX } from '@taskoverflow/contracts/values';
import { parseDeadline, type Deadline } from './floating-time.js';
import { foldLines, toIcalText } from './ical-text.js';
import { dateValue, durationBefore, escapeText, utcValue, wallClockValue } from './ical-values.js';
import { resolveTimeZone, type CalendarTimeZone } from './time-zone.js';

/** A todo as the calendar needs it. */
export interface CalendarTodo {
  id: number;
  title: string;
  description: string;
  /**
   * The deadline as the API stores it, or null when the todo has none:
   * - `YYYY-MM-DDTHH:MM:SS`, a wall-clock time (no offset): a timed event,
   *   floating, or in {@link CalendarOptions.timeZone} when that is set;
   * - `YYYY-MM-DD`, a date alone: an all-day event (`DTSTART;VALUE=DATE`,
   *   exclusive `DTEND` the next day), never a made-up time of day.
   */
  deadlineAt: string | null;
  /** UTC instant, written as CREATED. */
  createdAt: Date;
  /** UTC instant, written as LAST-MODIFIED: calendar apps compare it with the copy they hold. */
  updatedAt: Date;
  /**
   * How many times the todo was edited (0 for a new one), written as
   * SEQUENCE: an app that holds the event replaces it only when this grows.
   * Optional for older callers, with 0 as the default; pass it.
   */
  sequence?: number;
}

/** How a calendar is built; nothing here depends on the machine it runs on. */
export interface CalendarOptions {
  /**
   * Written as every event's DTSTAMP; injected so that the output is
   * reproducible. Absent, an event's DTSTAMP is its LAST-MODIFIED, which is
   * what DTSTAMP means in a calendar without METHOD (RFC 5545 §3.8.7.2): a
   * feed's text then stays the same, byte for byte, until a todo changes.
   */
  now?: Date;
  /** The calendar's display name (NAME and X-WR-CALNAME); default `TaskOverflow`. */
  name?: string;
  /** Right-hand side of every UID (`todo-<id>@<uidDomain>`); default `taskoverflow.app`. */
  uidDomain?: string;
  /**
   * An IANA time zone (`Europe/Berlin`; case-sensitive). Set, every timed
   * deadline is that wall-clock time in this zone (`DTSTART;TZID=…`) and the
   * calendar holds the zone's VTIMEZONE and `X-WR-TIMEZONE`. Absent, timed
   * events float (the same wall-clock time wherever the reader is). All-day
   * events never carry a zone. `null` is the same as absent.
   */
  timeZone?: string | null;
  /**
   * A reminder on every event: a VALARM (ACTION:DISPLAY, the title as its
   * DESCRIPTION) `minutesBefore` its start, an integer from 0 to 40,320 (four
   * weeks). For an all-day event the start is the day's beginning. `null`
   * is the same as absent: no VALARM.
   */
  alarm?: { minutesBefore: number } | null;
  /**
   * How often a subscribed calendar app should fetch the feed again, an
   * integer number of minutes from 1 to 10,080 (a week): written as
   * `REFRESH-INTERVAL;VALUE=DURATION` (RFC 7986) and `X-PUBLISHED-TTL`.
   * `null` is the same as absent: neither property.
   */
  refreshInterval?: { minutes: number } | null;
}

/**
 * Builds one calendar from todos fed in batches, handing its text out in
 * chunks as it goes; see {@link createCalendarBuilder}.
 */
export interface CalendarBuilder {
  /** Adds the todos' events, in order; todos without a deadline are only counted. */
  add(todos: Iterable<CalendarTodo>): void;
  /**
   * The text rendered since the last call (the calendar's head first): the next
   * chunk to write. A caller that takes the chunks holds none of the calendar.
   */
  takeText(): string;
  /** VEVENTs written so far. */
  readonly eventCount: number;
  /** Todos left out so far because they have no deadline. */
  readonly skippedWithoutDeadline: number;
  /**
   * The rest of the VCALENDAR text (CRLF line endings): what was not taken, and
   * its END line. Untaken, that is the whole calendar. The builder cannot be used afterwards.
   */
  finish(): string;
}

/** The result of {@link buildCalendar}. */
export interface BuiltCalendar {
  ics: string;
  eventCount: number;
  skippedWithoutDeadline: number;
}

const DEFAULT_NAME = 'TaskOverflow';
const DEFAULT_UID_DOMAIN = 'taskoverflow.app';
const PRODUCT_ID = { company: 'TaskOverflow', product: 'Calendar Export', language: 'EN' };
const CALENDAR_END = 'END:VCALENDAR';
// The UID is written verbatim, so only host-name characters may reach it.
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
/** The longest refresh interval, in minutes: a week. */
export const MAX_REFRESH_MINUTES = 10_080;
// SEQUENCE is an INTEGER (RFC 5545 §3.3.8): a signed 32-bit value.
const MAX_SEQUENCE = 2_147_483_647;

function integerIn(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

// Heads already rendered, by the options they depend on (bounded: a name is user text).
const heads = new Map<string, string>();
const HEADS_MAX = 1_000;

/**
 * The calendar's text before its events, rendered once per set of options:
 * ical-generator folds it through a TextEncoder per character, which was a
 * twentieth of the time of a 100-event export.
 */
function calendarHead(
  name: string,
  refreshSeconds: number | null,
  timeZone: CalendarTimeZone | null,
): string {
  const key = JSON.stringify([name, refreshSeconds, timeZone?.tzid]);
  const known = heads.get(key);
  if (known !== undefined) return known;
  // ical-generator escapes event text but writes the calendar name verbatim, so it is escaped here.
  const calendar = new ICalCalendar({
    name: escape(toIcalText(name), false),
    prodId: PRODUCT_ID,
    ttl: refreshSeconds,
    // Not ical-generator's `timezone` option: it would add TIMEZONE-ID (in no RFC) and put the
    // VTIMEZONE among the properties, where RFC 5545 §3.6 allows none.
    x: timeZone === null ? [] : [['X-WR-TIMEZONE', timeZone.tzid]],
  });
  // Rendering the empty calendar gives the head; events are streamed in before its END line.
  // Deliberately no METHOD: RFC 5545 §3.7.2 would then require a matching `method`
  // parameter on the download's Content-Type.
  const head =
    calendar.toString().slice(0, -CALENDAR_END.length) +
    (timeZone === null ? '' : foldLines(timeZone.vtimezone));
  if (heads.size >= HEADS_MAX) heads.clear();
  heads.set(key, head);
  return head;
}

/**
 * Starts a calendar that todos can be added to in batches, so a worker can
 * export 100,000 todos without holding them all: each batch is rendered to
 * text at once, and only that text is kept until it is taken.
 *
 * @throws RangeError for an invalid `now`, `uidDomain`, `timeZone`, `alarm` or
 * `refreshInterval`; `add` throws for a malformed deadline or sequence, or a
 * todo added twice, after which the builder is unusable.
 */
export function createCalendarBuilder(options: CalendarOptions): CalendarBuilder {
  const { now, uidDomain = DEFAULT_UID_DOMAIN } = options;
  if (now && Number.isNaN(now.getTime())) throw new RangeError('options.now is not a valid date');
  if (!HOST_NAME.test(uidDomain))
    throw new RangeError(`options.uidDomain is not a host name: ${JSON.stringify(uidDomain)}`);
  const timeZone: CalendarTimeZone | null =
    options.timeZone == null ? null : resolveTimeZone(options.timeZone);
  const alarmSeconds =
    options.alarm == null
      ? null
      : 60 *
        integerIn(
          options.alarm.minutesBefore,
          0,
          REMINDER_MINUTES_MAX,
          'options.alarm.minutesBefore',
        );
  const refreshSeconds =
    options.refreshInterval == null
      ? null
      : 60 *
        integerIn(
          options.refreshInterval.minutes,
          1,
          MAX_REFRESH_MINUTES,
          'options.refreshInterval.minutes',
        );

  const head = calendarHead(options.name || DEFAULT_NAME, refreshSeconds, timeZone);
  const startParameter = timeZone === null ? '' : `;TZID=${timeZone.tzid}`;
  const alarmTrigger = alarmSeconds === null ? null : durationBefore(alarmSeconds);
  const fixedStamp = now && utcValue(now, 'options.now');

  const chunks: string[] = [head];
  const addedIds = new Set<number>();
  let state: 'open' | 'finished' | 'failed' = 'open';
  let eventCount = 0;
  let skippedWithoutDeadline = 0;

  function startLines(deadline: Deadline): string {
    // DATE values have no zone; the Dates' UTC fields are the days (RFC 5545 §3.6.1: DTEND is exclusive).
    if (deadline.allDay)
      return (
        `DTSTART;VALUE=DATE:${dateValue(deadline.day)}\r\nDTEND;VALUE=DATE:${dateValue(deadline.nextDay)}\r\n` +
        'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\nX-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE\r\n'
      );
    // A deadline is a moment, not a slot: no DTEND makes it a zero-length event
    // (RFC 5545 §3.6.1), and a DTEND equal to DTSTART would be invalid (§3.8.2.2). Its digits
    // are written as given, floating or in the zone, a time in a DST gap included: §3.3.5 tells
    // the reader how to place it.
    return `DTSTART${startParameter}:${wallClockValue(deadline.wallClock)}\r\n`;
  }

  /**
   * One VEVENT, written directly in the order and format ical-generator gives
   * (the tests compare the two), which took most of an export's rendering time.
   */
  function renderEvent(todo: CalendarTodo, deadlineAt: string): string {
    const summary = escapeText(toIcalText(todo.title));
    const description = escapeText(toIcalText(todo.description));
    const sequence = integerIn(todo.sequence ?? 0, 0, MAX_SEQUENCE, 'sequence');
    const start = startLines(parseDeadline(deadlineAt));
    // Relative to the start (no RELATED parameter), so a moved deadline moves its reminder; its
    // DESCRIPTION is the event's SUMMARY. It follows all the event's properties, as RFC 5545 §3.6.1 orders them.
    const alarm =
      alarmTrigger === null
        ? ''
        : `BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:${alarmTrigger}\r\nDESCRIPTION:${summary}\r\nEND:VALARM\r\n`;
    return foldLines(
      `BEGIN:VEVENT\r\nUID:todo-${todo.id}@${uidDomain}\r\nSEQUENCE:${sequence}\r\n` +
        `DTSTAMP:${fixedStamp ?? utcValue(todo.updatedAt, 'updatedAt')}\r\n${start}` +
        // TRANSPARENT keeps deadlines from showing the user as busy.
        `SUMMARY:${summary}\r\nTRANSP:TRANSPARENT\r\n` +
        (description === '' ? '' : `DESCRIPTION:${description}\r\n`) +
        `CREATED:${utcValue(todo.createdAt, 'createdAt')}\r\n` +
        `LAST-MODIFIED:${utcValue(todo.updatedAt, 'updatedAt')}\r\n${alarm}END:VEVENT\r\n`,
    );
  }

  function renderTodo(todo: CalendarTodo, deadlineAt: string): string {
    try {
      // Two VEVENTs with one UID would make calendar apps drop or merge one of them.
      if (addedIds.has(todo.id)) throw new Error('added twice');
      addedIds.add(todo.id);
      return renderEvent(todo, deadlineAt);
    } catch (error) {
      // Name the todo: one bad row among 100,000 must be findable.
      throw new Error(
        `todo ${todo.id}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  function assertOpen(): void {
    if (state !== 'open') throw new Error(`the calendar builder is ${state}`);
  }

  return {
    add(todos) {
      assertOpen();
      const events: string[] = [];
      try {
        for (const todo of todos) {
          if (todo.deadlineAt === null) skippedWithoutDeadline += 1;
          else events.push(renderTodo(todo, todo.deadlineAt));
        }
      } catch (error) {
        state = 'failed';
        throw error;
      }
      chunks.push(events.join(''));
      eventCount += events.length;
    },
    takeText() {
      assertOpen();
      return chunks.splice(0).join('');
    },
    get eventCount() {
      return eventCount;
    },
    get skippedWithoutDeadline() {
      return skippedWithoutDeadline;
    },
    finish() {
      assertOpen();
      state = 'finished';
      return chunks.splice(0).join('') + CALENDAR_END + '\r\n';
    },
  };
}

/** Builds a whole calendar in one call; the same text as feeding the todos to {@link createCalendarBuilder}. */
export function buildCalendar(
  todos: Iterable<CalendarTodo>,
  options: CalendarOptions,
): BuiltCalendar {
  const builder = createCalendarBuilder(options);
  builder.add(todos);
  return {
    ics: builder.finish(),
    eventCount: builder.eventCount,
    skippedWithoutDeadline: builder.skippedWithoutDeadline,
  };
}
