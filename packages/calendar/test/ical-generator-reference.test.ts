// The builder writes its VEVENTs itself (ical-generator's objects took most of
// an export's rendering time). ical-generator, which still writes the calendar's
// head, is the reference here: for every shape of event the builder makes, the
// same text as ical-generator gives for the same data, whatever the process's zone.
import {
  ICalAlarm,
  ICalAlarmType,
  ICalCalendar,
  ICalEvent,
  ICalEventTransparency,
  type ICalEventData,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCalendarBuilder, type CalendarOptions, type CalendarTodo } from '../src/index.js';
import { foldLines, toIcalText } from '../src/ical-text.js';
import { FIXED_NOW, makeTodo } from './calendar-test-kit.js';

/** The builder's events alone (the head and the END line cut off). */
function builderEvents(todos: CalendarTodo[], options: CalendarOptions): string {
  const builder = createCalendarBuilder(options);
  builder.takeText();
  builder.add(todos);
  return builder.finish().slice(0, -'END:VCALENDAR\r\n'.length);
}

const notAsked = (): never => {
  throw new Error('ical-generator does not ask this of a start without an end');
};

/** A wall-clock deadline in `timeZoneId`, in the shape of the Temporal.ZonedDateTime ical-generator accepts. */
function zonedWallClock(text: string, timeZoneId: string): ICalTemporalZonedDateTimeStub {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = text
    .split(/[-T:]/)
    .map(Number);
  const plain: ICalTemporalPlainDateTimeStub = {
    ...{ year, month, day, hour, minute, second },
    toPlainDate: notAsked,
    toZonedDateTime: notAsked,
    toJSON: () => text,
    toString: () => text,
  };
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...{ year, month, day, hour, minute, second, timeZoneId },
    toPlainDateTime: () => plain,
    withTimeZone: () => zoned,
    toInstant: notAsked,
    toJSON: () => text,
    toString: () => text,
  };
  return zoned;
}

/** The same event as ical-generator writes it, from the same todo and options. */
function referenceEvent(todo: CalendarTodo, options: CalendarOptions): string {
  const deadline = todo.deadlineAt!;
  const allDay = deadline.length === 10;
  const day = new Date(`${deadline.slice(0, 10)}T00:00:00Z`);
  const timing: Pick<ICalEventData, 'start' | 'end' | 'allDay' | 'floating' | 'timezone'> = allDay
    ? { allDay: true, start: day, end: new Date(day.getTime() + 86_400_000) }
    : options.timeZone
      ? { start: zonedWallClock(deadline, options.timeZone), timezone: options.timeZone }
      : { start: new Date(`${deadline}Z`), floating: true };
  const description = toIcalText(todo.description);
  const event = new ICalEvent(
    {
      id: `todo-${todo.id}@taskoverflow.app`,
      sequence: todo.sequence ?? 0,
      stamp: options.now ?? todo.updatedAt,
      ...timing,
      transparency: ICalEventTransparency.TRANSPARENT,
      summary: toIcalText(todo.title),
      description: description === '' ? null : description,
      created: todo.createdAt,
      lastModified: todo.updatedAt,
    },
    new ICalCalendar(),
  );
  if (!options.alarm) return foldLines(event.toString());
  const alarm = new ICalAlarm(
    { type: ICalAlarmType.display, trigger: options.alarm.minutesBefore * 60 },
    event,
  );
  const end = 'END:VEVENT\r\n';
  return foldLines(event.toString().slice(0, -end.length) + alarm.toString() + end);
}

const todos: CalendarTodo[] = [
  makeTodo({ id: 1, deadlineAt: '2026-03-01T14:00:00', sequence: 3 }),
  makeTodo({ id: 2, deadlineAt: '2026-03-29T02:30:00', description: 'in the DST gap' }),
  makeTodo({ id: 3, deadlineAt: '2026-12-31', title: 'All day, the last one of the year' }),
  makeTodo({ id: 4, deadlineAt: '2028-02-28', title: 'All day, before a leap day' }),
  makeTodo({
    id: 5,
    title: 'Commas, semicolons; back\\slashes\r\nCRLF\rCR\nLF\u0007 and END:VEVENT',
    description: `Zoë — ${'会議の資料を準備する🚀'.repeat(8)}`,
    deadlineAt: '0999-01-02T03:04:05',
    createdAt: new Date('2026-01-10T08:00:00.999Z'),
  }),
];

describe('the events the builder writes', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['floating, with a fixed clock', { now: FIXED_NOW }],
    ['floating, each DTSTAMP its LAST-MODIFIED', {}],
    ['in a zone', { now: FIXED_NOW, timeZone: 'Europe/Berlin' }],
    ['with a reminder at the start', { now: FIXED_NOW, alarm: { minutesBefore: 0 } }],
    ['with a reminder 30 minutes before', { timeZone: 'Asia/Tokyo', alarm: { minutesBefore: 30 } }],
    ['with a reminder a day before', { now: FIXED_NOW, alarm: { minutesBefore: 1440 } }],
    ['with a reminder a day and 90 minutes before', { alarm: { minutesBefore: 1530 } }],
    ['with a reminder four weeks before', { alarm: { minutesBefore: 40_320 } }],
  ] satisfies [string, CalendarOptions][])('are ical-generator’s, %s', (_, options) => {
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
      vi.stubEnv('TZ', zone);
      expect(builderEvents(todos, options)).toBe(
        todos.map((todo) => referenceEvent(todo, options)).join(''),
      );
    }
  });

  it('name the todo whose date is not a valid one', () => {
    const broken = makeTodo({ id: 7, createdAt: new Date(Number.NaN) });
    expect(() => builderEvents([broken], {})).toThrow(/todo 7: createdAt is not a valid date/);
  });
});
