import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FIXED_NOW,
  decodeText,
  makeTodo,
  parseIcs,
  physicalLines,
  textOf,
} from '../test/calendar-test-kit.js';
import { buildCalendar, createCalendarBuilder, type CalendarTodo } from './calendar-builder.js';

const build = (todos: CalendarTodo[]) => buildCalendar(todos, { now: FIXED_NOW });
const buildAndParse = (todos: CalendarTodo[]) => {
  const built = build(todos);
  return { ...built, ...parseIcs(built.ics) };
};

describe('buildCalendar', () => {
  it('gives a valid calendar with zero events for no todos', () => {
    const { ics, eventCount, skippedWithoutDeadline } = build([]);
    const { calendar, events } = parseIcs(ics);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//TaskOverflow//Calendar Export//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('TaskOverflow');
    expect(events).toHaveLength(0);
    expect({ eventCount, skippedWithoutDeadline }).toEqual({
      eventCount: 0,
      skippedWithoutDeadline: 0,
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
  });

  it('writes one event per todo with the properties the design lists', () => {
    const todo = makeTodo({ id: 7, title: 'Pay rent', description: 'Before noon' });
    const [event] = parseIcs(build([todo]).ics).events;
    expect(textOf(event!, 'uid')).toBe('todo-7@taskoverflow.app');
    expect(textOf(event!, 'summary')).toBe('Pay rent');
    expect(textOf(event!, 'description')).toBe('Before noon');
    expect(textOf(event!, 'dtstamp')).toBe('2026-01-15T09:30:00Z');
    expect(textOf(event!, 'created')).toBe('2026-01-10T08:00:00Z');
    expect(textOf(event!, 'last-modified')).toBe('2026-01-12T17:45:30Z');
    // A deadline is a moment: no end, and it does not make the user busy.
    expect(event!.hasProperty('dtend')).toBe(false);
    expect(event!.hasProperty('duration')).toBe(false);
    expect(textOf(event!, 'transp')).toBe('TRANSPARENT');
  });

  it('leaves out DESCRIPTION when the description is empty', () => {
    const { ics, events } = buildAndParse([makeTodo({ id: 1, description: '' })]);
    expect(events[0]!.hasProperty('description')).toBe(false);
    expect(ics).not.toContain('DESCRIPTION');
  });

  it('round-trips commas, semicolons, backslashes and newlines', () => {
    const title = 'a, b; c \\ d \\n not-a-newline';
    const description = 'line 1\nline 2, with; all \\ of them\n\nline 4';
    const { ics, events } = buildAndParse([makeTodo({ id: 1, title, description })]);
    expect(ics).toContain('SUMMARY:a\\, b\\; c \\\\ d \\\\n not-a-newline\r\n');
    expect(textOf(events[0]!, 'summary')).toBe(title);
    expect(textOf(events[0]!, 'description')).toBe(description);
  });

  it('writes CR LF and lone CR as the one newline iCalendar has', () => {
    const [event] = parseIcs(build([makeTodo({ id: 1, description: 'a\r\nb\rc\nd' })]).ics).events;
    expect(textOf(event!, 'description')).toBe('a\nb\nc\nd');
  });

  it.each([
    ['title', { title: 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT' }],
    [
      'description',
      { description: 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT\r\nEND:VCALENDAR' },
    ],
    ['title with bare LF and CR', { title: 'x\nEND:VEVENT\rBEGIN:VEVENT\nSUMMARY:evil' }],
  ])('cannot inject a component through the %s', (_field, overrides) => {
    const todos = [makeTodo({ id: 1, ...overrides }), makeTodo({ id: 2 })];
    const { ics } = build(todos);
    const { calendar, events } = parseIcs(ics);
    expect(events).toHaveLength(2);
    expect(calendar.getAllSubcomponents()).toHaveLength(2);
    expect(physicalLines(ics).filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    const expected = { ...todos[0]!, ...overrides };
    expect(textOf(events[0]!, 'summary')).toBe(expected.title.replace(/\r\n|\r/g, '\n'));
    if (expected.description)
      expect(textOf(events[0]!, 'description')).toBe(
        expected.description.replace(/\r\n|\r/g, '\n'),
      );
    expect(events.map((event) => textOf(event, 'uid'))).toEqual([
      'todo-1@taskoverflow.app',
      'todo-2@taskoverflow.app',
    ]);
  });

  it('cannot inject through the calendar name either', () => {
    const name = 'Team, Q1; a\\b\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR';
    const { ics } = buildCalendar([makeTodo({ id: 1 })], { now: FIXED_NOW, name });
    const { calendar, events } = parseIcs(ics);
    expect(events).toHaveLength(1);
    expect(physicalLines(ics).filter((line) => line.startsWith('BEGIN:'))).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
    ]);
    // ical.js leaves unknown X- properties raw; decode it as the TEXT that calendar apps read.
    const rawName = calendar.getFirstPropertyValue('x-wr-calname') as string;
    expect(decodeText(rawName)).toBe('Team, Q1; a\\b\nEND:VCALENDAR\nBEGIN:VCALENDAR');
  });

  it('drops control characters that would make the file invalid', () => {
    const { ics, events } = buildAndParse([
      makeTodo({ id: 1, title: 'bell\u0007 esc\u001b[31m nul\u0000', description: '\u007f' }),
    ]);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(ics).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(textOf(events[0]!, 'summary')).toBe('bell esc[31m nul');
    expect(events[0]!.hasProperty('description')).toBe(false);
  });

  it('folds long emoji and CJK text at 75 octets without splitting a character', () => {
    const title = `${'😀🚀📅'.repeat(25)} ${'会議の資料を準備する'.repeat(15)}`;
    const description = `${'é'.repeat(200)}\n${'👨‍👩‍👧‍👦'.repeat(30)}`;
    const { ics } = build([makeTodo({ id: 1, title, description })]);
    const lines = physicalLines(ics);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(Buffer.from(line, 'utf8').toString('utf8'), 'a character was split').toBe(line);
    }
    const [event] = parseIcs(ics).events;
    expect(textOf(event!, 'summary')).toBe(title);
    expect(textOf(event!, 'description')).toBe(description);
  });

  it('keeps unicode and emoji intact', () => {
    const title = 'Überweisung für Zoë — 日本語 — עברית — 🇫🇷 🧑🏽‍💻 ✅';
    const [event] = parseIcs(build([makeTodo({ id: 1, title, description: title })]).ics).events;
    expect(textOf(event!, 'summary')).toBe(title);
    expect(textOf(event!, 'description')).toBe(title);
  });

  it('gives each todo the same UID in every export', () => {
    const todos = [makeTodo({ id: 3 }), makeTodo({ id: 1 }), makeTodo({ id: 20 })];
    const uidsBySummary = (ics: string): Record<string, string | null> =>
      Object.fromEntries(
        parseIcs(ics).events.map((event) => [
          String(textOf(event, 'summary')),
          textOf(event, 'uid'),
        ]),
      );
    const first = uidsBySummary(build(todos).ics);
    const later = uidsBySummary(
      buildCalendar([makeTodo({ id: 20 }), makeTodo({ id: 3, title: 'Todo 3' })], {
        now: new Date('2026-06-01T00:00:00Z'),
      }).ics,
    );
    expect(first).toEqual({
      'Todo 3': 'todo-3@taskoverflow.app',
      'Todo 1': 'todo-1@taskoverflow.app',
      'Todo 20': 'todo-20@taskoverflow.app',
    });
    expect(later['Todo 3']).toBe(first['Todo 3']);
    expect(later['Todo 20']).toBe(first['Todo 20']);
  });

  it('takes the UID domain and calendar name from the options', () => {
    const { ics } = buildCalendar([makeTodo({ id: 5 })], {
      now: FIXED_NOW,
      name: 'Work',
      uidDomain: 'example.org',
    });
    const { calendar, events } = parseIcs(ics);
    expect(decodeText(calendar.getFirstPropertyValue('x-wr-calname') as string)).toBe('Work');
    expect(textOf(events[0]!, 'uid')).toBe('todo-5@example.org');
  });

  it('leaves out todos without a deadline and counts them', () => {
    const todos = [
      makeTodo({ id: 1 }),
      makeTodo({ id: 2, deadlineAt: null }),
      makeTodo({ id: 3 }),
      makeTodo({ id: 4, deadlineAt: null }),
    ];
    const { ics, eventCount, skippedWithoutDeadline } = build(todos);
    expect({ eventCount, skippedWithoutDeadline }).toEqual({
      eventCount: 2,
      skippedWithoutDeadline: 2,
    });
    expect(parseIcs(ics).events.map((event) => textOf(event, 'uid'))).toEqual([
      'todo-1@taskoverflow.app',
      'todo-3@taskoverflow.app',
    ]);
  });

  it('uses CRLF line endings only', () => {
    const { ics } = build([makeTodo({ id: 1, description: 'a\nb' })]);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('floating DTSTART', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])(
    'equals the deadline exactly, without zone, when the server runs in %s',
    (zone) => {
      vi.stubEnv('TZ', zone); // Node applies a new TZ at once
      // Proves the zone really changed for this process, so the test can catch a zone-dependent conversion.
      if (zone === 'Pacific/Kiritimati')
        expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-14 * 60);

      const { ics } = build([
        makeTodo({ id: 1, deadlineAt: '2026-03-01T14:00:00' }),
        makeTodo({ id: 2, deadlineAt: '2026-12-31T23:59:59' }),
      ]);
      expect(physicalLines(ics).filter((line) => line.startsWith('DTSTART'))).toEqual([
        'DTSTART:20260301T140000',
        'DTSTART:20261231T235959',
      ]);

      const [event] = parseIcs(ics).events;
      const dtstart = event!.getFirstProperty('dtstart')!;
      expect(dtstart.getParameter('tzid')).toBeUndefined();
      const time = dtstart.getFirstValue() as ICAL.Time;
      expect(time.zone).toBe(ICAL.Timezone.localTimezone);
      expect(time.toString()).toBe('2026-03-01T14:00:00');
    },
  );
});

describe('createCalendarBuilder', () => {
  const todos = Array.from({ length: 250 }, (_, i) =>
    makeTodo({
      id: i + 1,
      title: `Todo ${i + 1}, ${'😀'.repeat(i % 30)}`,
      description: i % 4 === 0 ? '' : `line\n${i}`,
      deadlineAt: i % 5 === 0 ? null : '2026-03-01T14:00:00',
    }),
  );

  it('gives exactly the same text from batches as from one buildCalendar call', () => {
    const builder = createCalendarBuilder({ now: FIXED_NOW });
    let offset = 0;
    for (const size of [1, 0, 99, 50]) {
      builder.add(todos.slice(offset, offset + size));
      offset += size;
    }
    builder.add(todos.slice(offset).values()); // any iterable will do
    const whole = build(todos);
    expect(whole.eventCount).toBe(200);
    expect(whole.skippedWithoutDeadline).toBe(50);
    expect(builder.eventCount).toBe(whole.eventCount);
    expect(builder.skippedWithoutDeadline).toBe(whole.skippedWithoutDeadline);
    expect(builder.finish()).toBe(whole.ics);
  });

  it('hands its text out in chunks as it goes: head, each batch, the rest', () => {
    const builder = createCalendarBuilder({ now: FIXED_NOW });
    const chunks = [builder.takeText()];
    expect(chunks[0]).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(chunks[0]).not.toContain('BEGIN:VEVENT');
    for (let offset = 0; offset < todos.length; offset += 100) {
      builder.add(todos.slice(offset, offset + 100));
      chunks.push(builder.takeText());
    }
    expect(chunks[1]!.match(/BEGIN:VEVENT/g)).toHaveLength(80);
    expect(builder.takeText()).toBe('');
    chunks.push(builder.finish());
    expect(chunks.at(-1)).toBe('END:VCALENDAR\r\n');
    expect(chunks.join('')).toBe(build(todos).ics);
  });

  it('refuses to be used after finish', () => {
    const builder = createCalendarBuilder({ now: FIXED_NOW });
    builder.finish();
    expect(() => builder.add([])).toThrow(/finished/);
    expect(() => builder.takeText()).toThrow(/finished/);
    expect(() => builder.finish()).toThrow(/finished/);
  });

  it('names the todo whose deadline is malformed, and stops', () => {
    const builder = createCalendarBuilder({ now: FIXED_NOW });
    expect(() =>
      builder.add([makeTodo({ id: 1 }), makeTodo({ id: 42, deadlineAt: '2026-02-30T10:00:00' })]),
    ).toThrow(/^todo 42: /);
    expect(() => builder.finish()).toThrow(/failed/);
  });

  it('refuses a todo added twice, which would give two events one UID', () => {
    const builder = createCalendarBuilder({ now: FIXED_NOW });
    builder.add([makeTodo({ id: 1 })]);
    expect(() => builder.add([makeTodo({ id: 1 })])).toThrow(/^todo 1: added twice/);
  });

  it.each([
    [{ now: new Date(Number.NaN) }, /now/],
    [{ now: FIXED_NOW, uidDomain: 'evil\r\nEND:VEVENT' }, /uidDomain/],
    [{ now: FIXED_NOW, uidDomain: '' }, /uidDomain/],
  ])('rejects invalid options %#', (options, message) => {
    expect(() => createCalendarBuilder(options)).toThrow(message);
  });
});

/** The lines of the file's events (not of its VTIMEZONE) that start with `prefix`. */
const linesStartingWith = (ics: string, prefix: string): string[] => {
  const lines = physicalLines(ics);
  return lines.slice(lines.indexOf('BEGIN:VEVENT')).filter((line) => line.startsWith(prefix));
};
const fileLinesStartingWith = (ics: string, prefix: string): string[] =>
  physicalLines(ics).filter((line) => line.startsWith(prefix));

describe('all-day deadlines', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['2026-03-01', '20260301', '20260302'],
    ['2026-01-31', '20260131', '20260201'], // month end
    ['2026-12-31', '20261231', '20270101'], // year end
    ['2028-02-28', '20280228', '20280229'], // into a leap day
    ['2028-02-29', '20280229', '20280301'], // out of one
    ['2026-03-29', '20260329', '20260330'], // the day Europe moves its clocks
  ])('makes %s an all-day event ending, exclusively, the next day', (deadlineAt, start, end) => {
    const { ics } = build([makeTodo({ id: 1, deadlineAt })]);
    expect(linesStartingWith(ics, 'DTSTART')).toEqual([`DTSTART;VALUE=DATE:${start}`]);
    expect(linesStartingWith(ics, 'DTEND')).toEqual([`DTEND;VALUE=DATE:${end}`]);
    const event = new ICAL.Event(parseIcs(ics).events[0]);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(deadlineAt);
    expect(event.endDate.isDate).toBe(true);
    expect(event.duration.toSeconds()).toBe(24 * 3600);
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])(
    'gives the same days when the server runs in %s, and with a calendar time zone',
    (zone) => {
      vi.stubEnv('TZ', zone);
      const todos = [makeTodo({ id: 1, deadlineAt: '2026-12-31' })];
      for (const timeZone of [undefined, 'Pacific/Kiritimati', 'America/Los_Angeles']) {
        const { ics } = buildCalendar(todos, { now: FIXED_NOW, timeZone });
        expect(linesStartingWith(ics, 'DT')).toEqual([
          'DTSTAMP:20260115T093000Z',
          'DTSTART;VALUE=DATE:20261231',
          'DTEND;VALUE=DATE:20270101',
        ]);
      }
    },
  );

  it('mixes with timed events, which keep their moment and have no DTEND', () => {
    const { ics, eventCount } = build([
      makeTodo({ id: 1, deadlineAt: '2026-03-01' }),
      makeTodo({ id: 2, deadlineAt: '2026-03-01T14:00:00' }),
    ]);
    expect(eventCount).toBe(2);
    expect(linesStartingWith(ics, 'DTSTART')).toEqual([
      'DTSTART;VALUE=DATE:20260301',
      'DTSTART:20260301T140000',
    ]);
    expect(linesStartingWith(ics, 'DTEND')).toHaveLength(1);
  });

  it.each(['2026-02-30', '2027-02-29', '2026-04-31', '2026-3-1', '2026-03-01T14:00'])(
    'names the todo whose deadline %j is not a real date or time, and stops',
    (deadlineAt) => {
      const builder = createCalendarBuilder({ now: FIXED_NOW });
      expect(() => builder.add([makeTodo({ id: 1 }), makeTodo({ id: 42, deadlineAt })])).toThrow(
        /^todo 42: expected /,
      );
      expect(() => builder.finish()).toThrow(/failed/);
    },
  );
});

describe('time zone', () => {
  const berlin = (todos: CalendarTodo[]) =>
    buildCalendar(todos, { now: FIXED_NOW, timeZone: 'Europe/Berlin' });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('writes timed events as wall-clock times in the zone, with its VTIMEZONE and X-WR-TIMEZONE', () => {
    const { ics } = berlin([
      makeTodo({ id: 1, deadlineAt: '2026-03-01T14:00:00' }),
      makeTodo({ id: 2, deadlineAt: '2026-07-01T09:30:15' }),
    ]);
    expect(linesStartingWith(ics, 'DTSTART;')).toEqual([
      'DTSTART;TZID=Europe/Berlin:20260301T140000',
      'DTSTART;TZID=Europe/Berlin:20260701T093015',
    ]);
    const { calendar } = parseIcs(ics);
    const zones = calendar.getAllSubcomponents('vtimezone');
    expect(zones).toHaveLength(1);
    expect(zones[0]!.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    // ical-generator's own `timezone` option would also write this non-standard property.
    expect(ics).not.toContain('TIMEZONE-ID');
  });

  it('lands on the same wall-clock time on both sides of the DST change, read through the VTIMEZONE', () => {
    // Europe/Berlin moves from CET (+01:00) to CEST (+02:00) on Sunday 29 March 2026.
    const { ics } = berlin([
      makeTodo({ id: 1, deadlineAt: '2026-03-28T14:00:00' }),
      makeTodo({ id: 2, deadlineAt: '2026-03-30T14:00:00' }),
    ]);
    const { calendar, events } = parseIcs(ics);
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getAllSubcomponents('standard')).toHaveLength(1);
    expect(zone.getAllSubcomponents('daylight')).toHaveLength(1);

    const starts = events.map((event) => new ICAL.Event(event).startDate);
    expect(starts.map((start) => start.toString())).toEqual([
      '2026-03-28T14:00:00',
      '2026-03-30T14:00:00',
    ]);
    expect(starts.map((start) => start.zone?.tzid)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
    expect(
      starts.map((start) => start.convertToZone(ICAL.Timezone.utcTimezone).toString()),
    ).toEqual(['2026-03-28T13:00:00Z', '2026-03-30T12:00:00Z']);
  });

  it('is what those conversions rest on: without the VTIMEZONE ical.js cannot place the times', () => {
    const { ics } = berlin([makeTodo({ id: 2, deadlineAt: '2026-03-30T14:00:00' })]);
    const withoutZone = ics.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/, '');
    expect(withoutZone).not.toBe(ics);
    const start = new ICAL.Event(parseIcs(withoutZone).events[0]).startDate;
    expect(start.convertToZone(ICAL.Timezone.utcTimezone).toString()).not.toBe(
      '2026-03-30T12:00:00Z',
    );
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])(
    'writes the same digits when the server runs in %s',
    (zone) => {
      vi.stubEnv('TZ', zone);
      const { ics } = berlin([makeTodo({ id: 1, deadlineAt: '2026-03-01T14:00:00' })]);
      expect(linesStartingWith(ics, 'DT')).toEqual([
        'DTSTAMP:20260115T093000Z',
        'DTSTART;TZID=Europe/Berlin:20260301T140000',
      ]);
      expect(linesStartingWith(ics, 'CREATED')).toEqual(['CREATED:20260110T080000Z']);
      expect(linesStartingWith(ics, 'LAST-MODIFIED:2026011')).toEqual([
        'LAST-MODIFIED:20260112T174530Z',
      ]);
    },
  );

  it('keeps a time that the spring change skips as written, for the reader to place (RFC 5545 §3.3.5)', () => {
    const { ics } = berlin([makeTodo({ id: 1, deadlineAt: '2026-03-29T02:30:00' })]);
    expect(linesStartingWith(ics, 'DTSTART')).toEqual([
      'DTSTART;TZID=Europe/Berlin:20260329T023000',
    ]);
  });

  it('writes the TZID the VTIMEZONE has, for an alias too', () => {
    const { ics } = buildCalendar([makeTodo({ id: 1 })], { now: FIXED_NOW, timeZone: 'UTC' });
    expect(linesStartingWith(ics, 'DTSTART')).toEqual(['DTSTART;TZID=Etc/UTC:20260301T140000']);
    expect(fileLinesStartingWith(ics, 'TZID:')).toEqual(['TZID:Etc/UTC']);
  });

  it('leaves floating calendars without VTIMEZONE or X-WR-TIMEZONE', () => {
    const { ics } = build([makeTodo({ id: 1 })]);
    expect(ics).not.toMatch(/TIMEZONE|TZID/);
  });

  it('puts every calendar property before the first component (RFC 5545 §3.6)', () => {
    const { ics } = buildCalendar([makeTodo({ id: 1 })], {
      now: FIXED_NOW,
      timeZone: 'Europe/Berlin',
      alarm: { minutesBefore: 10 },
      refreshInterval: { minutes: 30 },
    });
    const lines = physicalLines(ics);
    const firstComponent = lines.indexOf('BEGIN:VTIMEZONE');
    expect(lines.slice(1, firstComponent)).toEqual([
      'VERSION:2.0',
      'PRODID:-//TaskOverflow//Calendar Export//EN',
      'NAME:TaskOverflow',
      'X-WR-CALNAME:TaskOverflow',
      'REFRESH-INTERVAL;VALUE=DURATION:PT30M',
      'X-PUBLISHED-TTL:PT30M',
      'X-WR-TIMEZONE:Europe/Berlin',
    ]);
    expect(lines.indexOf('END:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
  });

  it.each(['Europe/Atlantis', 'europe/berlin', '', 'Europe/Berlin\r\nBEGIN:VEVENT'])(
    'rejects the unknown zone %j with a RangeError',
    (timeZone) => {
      expect(() => createCalendarBuilder({ now: FIXED_NOW, timeZone })).toThrow(RangeError);
    },
  );
});

describe('SEQUENCE and LAST-MODIFIED', () => {
  it('follow the todo’s edits', () => {
    const { ics } = build([
      makeTodo({ id: 1, sequence: 0 }),
      makeTodo({ id: 2, sequence: 7, updatedAt: new Date('2026-02-03T04:05:06Z') }),
      makeTodo({ id: 3 }), // an older caller that does not pass it
    ]);
    const events = parseIcs(ics).events.map((event) => new ICAL.Event(event));
    expect(events.map((event) => event.sequence)).toEqual([0, 7, 0]);
    expect(linesStartingWith(ics, 'SEQUENCE')).toEqual(['SEQUENCE:0', 'SEQUENCE:7', 'SEQUENCE:0']);
    expect(textOf(parseIcs(ics).events[1]!, 'last-modified')).toBe('2026-02-03T04:05:06Z');
  });

  it('make DTSTAMP without `now`, so the same todos give the same bytes at any time', () => {
    const updatedAt = new Date('2026-02-03T04:05:06Z');
    const todos = [makeTodo({ id: 1, updatedAt }), makeTodo({ id: 2 })];
    const { ics } = buildCalendar(todos, {});
    expect(textOf(parseIcs(ics).events[0]!, 'dtstamp')).toBe('2026-02-03T04:05:06Z');
    expect(linesStartingWith(ics, 'DTSTAMP')).toEqual(
      linesStartingWith(ics, 'LAST-MODIFIED').map((line) =>
        line.replace('LAST-MODIFIED', 'DTSTAMP'),
      ),
    );
    expect(buildCalendar(todos, {}).ics).toBe(ics);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 31])(
    'names the todo whose sequence %s is not one',
    (sequence) => {
      expect(() => build([makeTodo({ id: 9, sequence })])).toThrow(/^todo 9: sequence must be/);
    },
  );
});

describe('reminder (VALARM)', () => {
  const withAlarm = (todos: CalendarTodo[], minutesBefore = 15) =>
    buildCalendar(todos, { now: FIXED_NOW, alarm: { minutesBefore } });

  it('is absent without the option', () => {
    const { ics } = build([makeTodo({ id: 1 }), makeTodo({ id: 2, deadlineAt: '2026-03-01' })]);
    expect(ics).not.toContain('VALARM');
  });

  it('gives every event, timed or all-day, one display alarm before its start, titled like it', () => {
    const { ics } = withAlarm([
      makeTodo({ id: 1, title: 'Pay rent' }),
      makeTodo({ id: 2, title: 'Birthday', deadlineAt: '2026-03-01' }),
    ]);
    const events = parseIcs(ics).events;
    for (const [index, title] of ['Pay rent', 'Birthday'].entries()) {
      const alarms = events[index]!.getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(1);
      expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarms[0]!.getFirstPropertyValue('description')).toBe(title);
      const trigger = alarms[0]!.getFirstProperty('trigger')!;
      expect(trigger.getParameter('related')).toBeUndefined(); // relative to the start
      expect((trigger.getFirstValue() as ICAL.Duration).toSeconds()).toBe(-15 * 60);
    }
    expect(linesStartingWith(ics, 'TRIGGER')).toEqual(['TRIGGER:-PT15M', 'TRIGGER:-PT15M']);
  });

  it.each([
    [0, 'PT0S'],
    [60, '-PT1H'],
    [90, '-PT1H30M'],
    [1440, '-P1D'],
    [40_320, '-P28D'],
  ])('writes %s minutes as the duration %s', (minutes, duration) => {
    const { ics } = withAlarm([makeTodo({ id: 1 })], minutes);
    expect(linesStartingWith(ics, 'TRIGGER')).toEqual([`TRIGGER:${duration}`]);
    const [alarm] = parseIcs(ics).events[0]!.getAllSubcomponents('valarm');
    // `+ 0` turns -0 into 0: a trigger at the start is neither before nor after it.
    expect((alarm!.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() + 0).toBe(
      -minutes * 60 + 0,
    );
  });

  it('comes after all of the event’s properties, as RFC 5545 §3.6.1 orders them', () => {
    const lines = physicalLines(withAlarm([makeTodo({ id: 1, description: 'x' })]).ics);
    const event = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
    expect(event.slice(-6)).toEqual([
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT15M',
      'DESCRIPTION:Todo 1',
      'END:VALARM',
      'END:VEVENT',
    ]);
  });

  it('carries a hostile title safely, escaped and folded', () => {
    const title = `x, y; z \\ ${'😀'.repeat(17)}\r\nEND:VALARM\r\nEND:VEVENT\r\nBEGIN:VEVENT`;
    const { ics } = withAlarm([makeTodo({ id: 1, title }), makeTodo({ id: 2 })]);
    expect(fileLinesStartingWith(ics, 'BEGIN:')).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'BEGIN:VALARM',
      'BEGIN:VEVENT',
      'BEGIN:VALARM',
    ]);
    for (const line of physicalLines(ics)) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(Buffer.from(line, 'utf8').toString('utf8'), 'a character was split').toBe(line);
    }
    const [alarm] = parseIcs(ics).events[0]!.getAllSubcomponents('valarm');
    expect(alarm!.getFirstPropertyValue('description')).toBe(title.replace(/\r\n/g, '\n'));
  });

  it.each([-1, 40_321, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects minutesBefore %s with a RangeError',
    (minutesBefore) => {
      expect(() => createCalendarBuilder({ now: FIXED_NOW, alarm: { minutesBefore } })).toThrow(
        RangeError,
      );
    },
  );
});

describe('refresh interval', () => {
  it('is absent without the option', () => {
    const { ics } = build([makeTodo({ id: 1 })]);
    expect(ics).not.toMatch(/REFRESH-INTERVAL|X-PUBLISHED-TTL/);
  });

  it.each([
    [1, 'PT1M'],
    [15, 'PT15M'],
    [60, 'PT1H'],
    [10_080, 'P7D'],
  ])('writes %s minutes as REFRESH-INTERVAL and X-PUBLISHED-TTL %s', (minutes, duration) => {
    const { ics } = buildCalendar([], { now: FIXED_NOW, refreshInterval: { minutes } });
    expect(fileLinesStartingWith(ics, 'REFRESH-INTERVAL')).toEqual([
      `REFRESH-INTERVAL;VALUE=DURATION:${duration}`,
    ]);
    expect(fileLinesStartingWith(ics, 'X-PUBLISHED-TTL')).toEqual([`X-PUBLISHED-TTL:${duration}`]);
    const { calendar } = parseIcs(ics);
    const refresh = calendar.getFirstProperty('refresh-interval')!;
    expect(refresh.type).toBe('duration');
    expect((refresh.getFirstValue() as ICAL.Duration).toSeconds()).toBe(minutes * 60);
    const ttl = ICAL.Duration.fromString(String(calendar.getFirstPropertyValue('x-published-ttl')));
    expect(ttl.toSeconds()).toBe(minutes * 60);
  });

  it.each([0, -5, 10_081, 2.5, Number.NaN])('rejects %s minutes with a RangeError', (minutes) => {
    expect(() => createCalendarBuilder({ now: FIXED_NOW, refreshInterval: { minutes } })).toThrow(
      RangeError,
    );
  });
});

describe('options left unset', () => {
  it('may be null, as a database gives them, which is the same as absent', () => {
    const todos = [makeTodo({ id: 1 }), makeTodo({ id: 2, deadlineAt: '2026-03-01' })];
    const absent = build(todos).ics;
    expect(
      buildCalendar(todos, { now: FIXED_NOW, timeZone: null, alarm: null, refreshInterval: null })
        .ics,
    ).toBe(absent);
    expect(absent).not.toMatch(/TZID|VALARM|REFRESH-INTERVAL/);
  });
});

describe('streaming with every option', () => {
  const options = {
    now: FIXED_NOW,
    name: 'Feed; with, "all"',
    timeZone: 'Europe/Berlin',
    alarm: { minutesBefore: 30 },
    refreshInterval: { minutes: 15 },
  };
  const todos = Array.from({ length: 180 }, (_, i) =>
    makeTodo({
      id: i + 1,
      title: `Todo ${i + 1}; ${'🚀'.repeat(i % 25)}\nEND:VEVENT`,
      description: i % 3 === 0 ? '' : `line\n${i}`,
      deadlineAt: [null, '2026-03-28T14:00:00', '2026-12-31', '2028-02-28', '2026-03-30T14:00:00'][
        i % 5
      ]!,
      sequence: i % 4,
    }),
  );

  it('gives the same text chunk by chunk as in one call', () => {
    const builder = createCalendarBuilder(options);
    const chunks = [builder.takeText()];
    expect(chunks[0]).toContain('END:VTIMEZONE\r\n');
    expect(chunks[0]).not.toContain('BEGIN:VEVENT');
    for (let offset = 0; offset < todos.length; offset += 50) {
      builder.add(todos.slice(offset, offset + 50));
      chunks.push(builder.takeText());
    }
    chunks.push(builder.finish());
    const whole = buildCalendar(todos, options);
    expect(whole.eventCount).toBe(144);
    expect(chunks.join('')).toBe(whole.ics);
    expect(whole.ics.match(/BEGIN:VALARM/g)).toHaveLength(144);
    expect(whole.ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
  });
});
