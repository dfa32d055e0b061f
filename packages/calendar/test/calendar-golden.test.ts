// The whole file, byte for byte, for a fixed clock: any change to the output
// (a library upgrade, a new property, different folding) shows up here and
// must be looked at. After an intended change, regenerate with
// `UPDATE_GOLDEN=1 npx vitest run test/calendar-golden.test.ts` and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../src/index.js';
import { FIXED_NOW, makeTodo, parseIcs, textOf } from './calendar-test-kit.js';

const GOLDEN_FILE = new URL('./fixtures/calendar.golden.ics', import.meta.url);
// A subscription feed with every option: a new tzdata release in timezones-ical-library shows up here.
const FEED_GOLDEN_FILE = new URL('./fixtures/feed.golden.ics', import.meta.url);

const todos = [
  makeTodo({
    id: 1,
    title: 'Submit the tax return',
    description: 'Forms A, B; and the receipts\nfrom C:\\scans',
    deadlineAt: '2026-03-01T14:00:00',
  }),
  makeTodo({ id: 2, title: 'Someday, maybe', deadlineAt: null }),
  makeTodo({
    id: 3,
    title: 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT',
    description: '',
    deadlineAt: '2026-03-02T09:15:00',
  }),
  makeTodo({
    id: 4,
    title: `Préparer la réunion 会議の資料を準備する ${'🚀📅'.repeat(12)}`,
    description: `Zoë's notes — ${'長いメモ'.repeat(20)}`,
    deadlineAt: '2026-12-31T23:59:59',
  }),
];

describe('calendar golden file', () => {
  const { ics, eventCount, skippedWithoutDeadline } = buildCalendar(todos, {
    now: FIXED_NOW,
    name: 'TaskOverflow',
  });

  it('matches the committed file exactly', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN_FILE, ics);
    // Decoding is lossless for valid UTF-8, so equal text means equal bytes; a text diff reads better.
    expect(ics).toBe(readFileSync(GOLDEN_FILE, 'utf8'));
  });

  it('is a calendar that ical.js reads back', () => {
    const { events } = parseIcs(readFileSync(GOLDEN_FILE, 'utf8'));
    expect({ eventCount, skippedWithoutDeadline }).toEqual({
      eventCount: 3,
      skippedWithoutDeadline: 1,
    });
    expect(events.map((event) => textOf(event, 'summary'))).toEqual([
      todos[0]!.title,
      'x\nEND:VEVENT\nBEGIN:VEVENT',
      todos[3]!.title,
    ]);
  });
});

describe('feed golden file (time zone, reminder, refresh interval, all-day, edits)', () => {
  const feedTodos = [
    makeTodo({
      id: 1,
      title: 'Submit the tax return',
      deadlineAt: '2026-03-28T14:00:00',
      sequence: 2,
      updatedAt: new Date('2026-01-14T11:00:00Z'),
    }),
    makeTodo({ id: 2, title: 'Someday, maybe', deadlineAt: null }),
    makeTodo({ id: 3, title: 'Birthday; all day\nEND:VEVENT', deadlineAt: '2026-12-31' }),
    makeTodo({
      id: 4,
      title: `After the change ${'🚀📅'.repeat(12)}`,
      deadlineAt: '2026-03-30T14:00:00',
    }),
  ];
  const { ics } = buildCalendar(feedTodos, {
    now: FIXED_NOW,
    name: 'Work, open',
    timeZone: 'Europe/Berlin',
    alarm: { minutesBefore: 30 },
    refreshInterval: { minutes: 15 },
  });

  it('matches the committed file exactly', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(FEED_GOLDEN_FILE, ics);
    expect(ics).toBe(readFileSync(FEED_GOLDEN_FILE, 'utf8'));
  });

  it('is a calendar that ical.js reads back', () => {
    const { calendar, events } = parseIcs(readFileSync(FEED_GOLDEN_FILE, 'utf8'));
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(events.map((event) => textOf(event, 'uid'))).toEqual([
      'todo-1@taskoverflow.app',
      'todo-3@taskoverflow.app',
      'todo-4@taskoverflow.app',
    ]);
  });
});
