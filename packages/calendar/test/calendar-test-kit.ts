// Shared by the unit tests and the golden-file test: todos to feed the builder
// and an independent reading of its output (ical.js, not ical-generator).
import ICAL from 'ical.js';
import type { CalendarTodo } from '../src/index.js';

export const FIXED_NOW = new Date('2026-01-15T09:30:00Z');

/** A todo with a deadline; override what the test is about. */
export function makeTodo(
  overrides: Partial<CalendarTodo> & Pick<CalendarTodo, 'id'>,
): CalendarTodo {
  return {
    title: `Todo ${overrides.id}`,
    description: '',
    deadlineAt: '2026-03-01T14:00:00',
    createdAt: new Date('2026-01-10T08:00:00Z'),
    updatedAt: new Date('2026-01-12T17:45:30Z'),
    ...overrides,
  };
}

/** Parses with ical.js (which throws on an unbalanced BEGIN/END) and returns the calendar and its events. */
export function parseIcs(ics: string): { calendar: ICAL.Component; events: ICAL.Component[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

/** The text of one property of one event, as a calendar app reads it back. */
export function textOf(event: ICAL.Component, property: string): string | null {
  const value = event.getFirstPropertyValue(property);
  return value === null ? null : String(value);
}

// ical.js's decoder for TEXT values, typed for the tests.
const textValue = ICAL.design.icalendar.value.text as { fromICAL(raw: string): string };

/** Decodes a raw TEXT value; ical.js leaves unknown X- properties undecoded. */
export function decodeText(raw: string): string {
  return textValue.fromICAL(raw);
}

/** The physical lines of the file, checking on the way that every line ends with CRLF. */
export function physicalLines(ics: string): string[] {
  if (!ics.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  const lines = ics.slice(0, -2).split('\r\n');
  const bare = lines.find((line) => /[\r\n]/.test(line));
  if (bare !== undefined) throw new Error(`bare CR or LF in ${JSON.stringify(bare)}`);
  return lines;
}
