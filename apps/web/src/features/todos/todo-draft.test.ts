import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { todo } from '../../testing/fake-api';
import { deadlineToLocalDate, formatDeadline, isDueWithin, splitDeadline } from './deadline';
import { draftErrorsFrom, draftFromTodo, draftToInput } from './todo-draft';

describe('deadlines are floating local times, or days', () => {
  it('reads and splits them without any time-zone conversion', () => {
    const date = deadlineToLocalDate('2026-03-01T14:05:00');
    expect([
      date?.getFullYear(),
      date?.getMonth(),
      date?.getDate(),
      date?.getHours(),
      date?.getMinutes(),
    ]).toEqual([2026, 2, 1, 14, 5]);
    expect(splitDeadline('2026-03-01T14:05:00')).toEqual({ date: '2026-03-01', time: '14:05' });
    expect(formatDeadline('2026-03-01T14:05:00')).toMatch(/14:05|2:05/);
    expect(deadlineToLocalDate('tomorrow')).toBeNull();
  });

  it('take a date alone as an all-day deadline: its day, no time of day', () => {
    const day = deadlineToLocalDate('2026-03-31');
    expect([day?.getFullYear(), day?.getMonth(), day?.getDate(), day?.getHours()]).toEqual([
      2026, 2, 31, 0,
    ]);
    expect(splitDeadline('2026-03-31')).toEqual({ date: '2026-03-31', time: '' });
    expect(formatDeadline('2026-03-31')).toMatch(/31.*\(all day\)$/);
    expect(formatDeadline('2026-03-31')).not.toMatch(/\d:\d\d/);
    expect(formatDeadline('2026-03-31T00:00:00')).not.toContain('all day');
  });

  it('count an all-day deadline as due within a window when its day is', () => {
    const now = new Date(2026, 2, 29, 18, 30);
    expect(isDueWithin('2026-03-29', 0, now)).toBe(true);
    expect(isDueWithin('2026-03-31', 2, now)).toBe(true);
    expect(isDueWithin('2026-04-01', 2, now)).toBe(false);
    expect(isDueWithin('2026-03-31T20:00:00', 2, now)).toBe(false);
  });
});

describe('draftToInput', () => {
  it('builds the body: a date alone is all day, a time gets its seconds', () => {
    expect(
      draftToInput({ title: ' Milk ', description: '', date: '2026-03-01', time: '' }),
    ).toEqual({
      input: { title: 'Milk', description: '', deadline_at: '2026-03-01' },
    });
    expect(
      draftToInput({ title: 'Milk', description: 'x', date: '2026-03-01', time: '14:30' }),
    ).toMatchObject({
      input: { deadline_at: '2026-03-01T14:30:00' },
    });
    expect(draftToInput(draftFromTodo(todo({ id: 1, title: 'a' })))).toMatchObject({
      input: { deadline_at: null },
    });
    // An all-day todo edited stays all day.
    const allDay = draftFromTodo(todo({ id: 2, title: 'b', deadline_at: '2026-03-31' }));
    expect(draftToInput(allDay)).toMatchObject({ input: { deadline_at: '2026-03-31' } });
  });

  it('refuses a blank title and a time without a date', () => {
    expect(draftToInput({ title: '  ', description: '', date: '', time: '10:00' })).toEqual({
      errors: { title: 'Enter a title.', deadline: 'Choose a date for this time.' },
    });
  });
});

describe('draftErrorsFrom', () => {
  it('puts field messages next to their fields and the rest on the form', () => {
    const error = new ApiError(400, 'Bad Request', 'bad', {
      title: 'must not be empty',
      deadline_at: 'must be a date',
      colour: 'is unknown',
    });
    expect(draftErrorsFrom(error)).toEqual({
      title: 'Must not be empty',
      deadline: 'Must be a date',
      form: 'Colour: is unknown',
    });
    expect(draftErrorsFrom(new ApiError(500, 'Internal Server Error', 'Try later.'))).toEqual({
      form: 'Try later.',
    });
  });
});
