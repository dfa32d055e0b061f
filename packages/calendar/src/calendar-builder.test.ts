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
