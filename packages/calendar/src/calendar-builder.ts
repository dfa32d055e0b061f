import { ICalCalendar, ICalEvent, ICalEventTransparency, escape } from 'ical-generator';
import { parseFloatingTime } from './floating-time.js';
import { foldLines, toIcalText } from './ical-text.js';

/** A todo as the calendar needs it. */
export interface CalendarTodo {
  id: number;
  title: string;
  description: string;
  /** Floating local time `YYYY-MM-DDTHH:MM:SS` (no zone), or null when the todo has no deadline. */
  deadlineAt: string | null;
  /** UTC instant, written as CREATED. */
  createdAt: Date;
  /** UTC instant, written as LAST-MODIFIED. */
  updatedAt: Date;
}

/** How a calendar is built; nothing here depends on the machine it runs on. */
export interface CalendarOptions {
  /** Written as every event's DTSTAMP; injected so that the output is reproducible. */
  now: Date;
  /** The calendar's display name (NAME and X-WR-CALNAME); default `TaskOverflow`. */
  name?: string;
  /** Right-hand side of every UID (`todo-<id>@<uidDomain>`); default `taskoverflow.app`. */
  uidDomain?: string;
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

/**
 * Starts a calendar that todos can be added to in batches, so a worker can
 * export 100,000 todos without holding them all: each batch is rendered to
 * text at once, and only that text is kept until it is taken.
 *
 * @throws RangeError for an invalid `now` or `uidDomain`; `add` throws for a
 * malformed deadline or a todo added twice, after which the builder is unusable.
 */
export function createCalendarBuilder(options: CalendarOptions): CalendarBuilder {
  const { now, uidDomain = DEFAULT_UID_DOMAIN } = options;
  if (Number.isNaN(now.getTime())) throw new RangeError('options.now is not a valid date');
  if (!HOST_NAME.test(uidDomain))
    throw new RangeError(`options.uidDomain is not a host name: ${JSON.stringify(uidDomain)}`);

  // ical-generator escapes event text but writes the calendar name verbatim, so it is escaped here.
  const calendar = new ICalCalendar({
    name: escape(toIcalText(options.name || DEFAULT_NAME), false),
    prodId: PRODUCT_ID,
  });
  // Rendering the empty calendar gives the head; events are streamed in before its END line.
  // Deliberately no METHOD: RFC 5545 §3.7.2 would then require a matching `method`
  // parameter on the download's Content-Type.
  const head = calendar.toString().slice(0, -CALENDAR_END.length);

  const chunks: string[] = [head];
  const addedIds = new Set<number>();
  let state: 'open' | 'finished' | 'failed' = 'open';
  let eventCount = 0;
  let skippedWithoutDeadline = 0;

  function renderEvent(todo: CalendarTodo, deadlineAt: string): string {
    const description = toIcalText(todo.description);
    const event = new ICalEvent(
      {
        id: `todo-${todo.id}@${uidDomain}`,
        stamp: now,
        start: parseFloatingTime(deadlineAt),
        // A deadline is a moment, not a slot: no DTEND makes it a zero-length event
        // (RFC 5545 §3.6.1), and a DTEND equal to DTSTART would be invalid (§3.8.2.2).
        // TRANSPARENT keeps deadlines from showing the user as busy.
        floating: true,
        transparency: ICalEventTransparency.TRANSPARENT,
        summary: toIcalText(todo.title),
        description: description === '' ? null : description,
        created: todo.createdAt,
        lastModified: todo.updatedAt,
      },
      calendar,
    );
    return foldLines(event.toString());
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
