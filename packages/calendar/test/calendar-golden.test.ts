// The whole file, byte for byte, for a fixed clock: any change to the output
// (a library upgrade, a new property, different folding) shows up here and
// must be looked at. After an intended change, regenerate with
// `UPDATE_GOLDEN=1 npx vitest run test/calendar-golden.test.ts` and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../src/index.js';
import { FIXED_NOW, makeTodo, parseIcs, textOf } from './calendar-test-kit.js';

const GOLDEN_FILE = new URL('./fixtures/calendar.golden.ics', import.meta.url);

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
