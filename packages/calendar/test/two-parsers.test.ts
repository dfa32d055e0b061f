// Two independent iCalendar parsers must read the builder's output the same
// way, and as intended: ical.js (Mozilla's, which places zoned times through
// the file's own VTIMEZONE) and node-ical (which resolves TZIDs through the
// IANA database of the JavaScript engine). A calendar app is one more reader;
// agreeing with two that share no code is the best stand-in for all of them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCalendar, type CalendarOptions, type CalendarTodo } from '../src/index.js';
import { readWithIcalJs, readWithNodeIcal, type ReadEvent } from '../src/testing/index.js';
import { FIXED_NOW, makeTodo, physicalLines } from './calendar-test-kit.js';

// Titles that have broken calendars elsewhere: every character TEXT must escape, a line
// that looks like a component boundary, and 4-octet characters where lines are folded.
const HOSTILE_TITLES = [
  'Commas, semicolons; and a backslash \\ alone, C:\\scans',
  'Line one\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@example.org',
  `Folded ${'😀'.repeat(40)}`,
  `${'a'.repeat(66)}🚀📅🚀📅 at the first fold`,
  'Quotes "double" and \'single\', colon: DTSTART:20260101T000000Z',
  'CRLF\r\nEND:VCALENDAR\r\n',
];

const todos: CalendarTodo[] = [
  makeTodo({ id: 1, title: HOSTILE_TITLES[0]!, deadlineAt: '2026-03-28T14:00:00', sequence: 2 }),
  makeTodo({ id: 2, title: HOSTILE_TITLES[1]!, deadlineAt: '2026-03-30T14:00:00' }),
  makeTodo({ id: 3, title: HOSTILE_TITLES[2]!, deadlineAt: '2026-01-31', sequence: 1 }),
  makeTodo({ id: 4, title: HOSTILE_TITLES[3]!, deadlineAt: '2026-12-31', sequence: 12 }),
  makeTodo({ id: 5, title: HOSTILE_TITLES[4]!, deadlineAt: '2028-02-28' }),
  makeTodo({ id: 6, title: HOSTILE_TITLES[5]!, deadlineAt: '2026-10-26T02:30:00' }),
  makeTodo({ id: 7, title: 'No deadline', deadlineAt: null }),
  makeTodo({
    id: 8,
    title: 'With a description',
    description: `Zoë; ${'会議'.repeat(30)}\nEND:VALARM\n\\`,
    deadlineAt: '2026-07-01T09:30:00',
    sequence: 3,
  }),
];

const expectedBase = todos
  .filter((todo) => todo.deadlineAt !== null)
  .map((todo) => ({
    uid: `todo-${todo.id}@taskoverflow.app`,
    // TEXT has one kind of newline.
    summary: todo.title.replace(/\r\n/g, '\n'),
    description: todo.description === '' ? null : todo.description,
    allDay: todo.deadlineAt!.length === 10,
    sequence: todo.sequence ?? 0,
  }));

const allDays = {
  3: ['2026-01-31', '2026-02-01'],
  4: ['2026-12-31', '2027-01-01'],
  5: ['2028-02-28', '2028-02-29'],
} as const;

const cases: {
  name: string;
  options: CalendarOptions;
  timed: Record<number, string>;
  alarm: number | null;
}[] = [
  {
    name: 'a feed in Europe/Berlin with a reminder',
    options: {
      now: FIXED_NOW,
      timeZone: 'Europe/Berlin',
      alarm: { minutesBefore: 90 },
      refreshInterval: { minutes: 15 },
    },
    // Before and after the spring change (CET, then CEST), in summer, and after the autumn change.
    timed: {
      1: '2026-03-28T13:00:00Z',
      2: '2026-03-30T12:00:00Z',
      6: '2026-10-26T01:30:00Z',
      8: '2026-07-01T07:30:00Z',
    },
    alarm: -90 * 60,
  },
  {
    name: 'a floating export',
    options: { now: FIXED_NOW },
    timed: {
      1: '2026-03-28T14:00:00',
      2: '2026-03-30T14:00:00',
      6: '2026-10-26T02:30:00',
      8: '2026-07-01T09:30:00',
    },
    alarm: null,
  },
  {
    name: 'a feed in America/New_York with a reminder at the start',
    options: { now: FIXED_NOW, timeZone: 'America/New_York', alarm: { minutesBefore: 0 } },
    // New York moved to EDT (-04:00) on 8 March and moves back only on 1 November.
    timed: {
      1: '2026-03-28T18:00:00Z',
      2: '2026-03-30T18:00:00Z',
      6: '2026-10-26T06:30:00Z',
      8: '2026-07-01T13:30:00Z',
    },
    alarm: 0,
  },
];

describe.each(cases)('two parsers read $name', ({ options, timed, alarm }) => {
  const { ics } = buildCalendar(todos, options);
  const expected: ReadEvent[] = expectedBase.map((base, index) => {
    const id = [1, 2, 3, 4, 5, 6, 8][index]!;
    const [start, end] = base.allDay
      ? allDays[id as keyof typeof allDays]
      : [timed[id]!, timed[id]!];
    return {
      ...base,
      start,
      end,
      alarmTrigger: alarm,
      alarmDescription: alarm === null ? null : base.summary,
    };
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is a file whose every line ends in CRLF within 75 octets', () => {
    for (const line of physicalLines(ics))
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  });

  it('as intended, with ical.js', () => {
    expect(readWithIcalJs(ics)).toEqual(expected);
  });

  it.each(['UTC', 'Asia/Tokyo', 'America/Los_Angeles'])(
    'as intended, with node-ical in a process running in %s',
    (zone) => {
      vi.stubEnv('TZ', zone);
      expect(readWithNodeIcal(ics)).toEqual(expected);
    },
  );

  it('identically with both', () => {
    expect(readWithNodeIcal(ics)).toEqual(readWithIcalJs(ics));
  });
});

describe('an escaped backslash before "n"', () => {
  // RFC 5545 §3.3.11: `\\n` is a backslash and an "n". node-ical 0.26 unescapes `\n` before `\\`
  // (chained replaces), so it reads a newline there; ical.js decodes in one pass. The text is
  // written right, which is why this title is kept out of the comparison above.
  const title = 'C:\\new folder, and \\n that is not a newline';
  const { ics } = buildCalendar([makeTodo({ id: 1, title })], { now: FIXED_NOW });

  it('is written as RFC 5545 escapes it, and read back by ical.js', () => {
    expect(physicalLines(ics)).toContain(
      'SUMMARY:C:\\\\new folder\\, and \\\\n that is not a newline',
    );
    expect(readWithIcalJs(ics)[0]!.summary).toBe(title);
  });

  it('is still misread by node-ical (when this fails, node-ical is fixed: add it above)', () => {
    expect(readWithNodeIcal(ics)[0]!.summary).toBe(title.replace(/\\n/g, '\\\n'));
  });
});
