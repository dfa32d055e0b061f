import { describe, expect, it } from 'vitest';
import {
  formatDeadline,
  formatFloatingDateTime,
  isFloatingDate,
  isFloatingDateTime,
  parseDeadline,
  parseFloatingDateTime,
} from './floating-date-time.js';

describe('floating date-time', () => {
  it('round-trips a wall-clock time through the Date holding it in UTC fields', () => {
    const date = parseFloatingDateTime('2026-03-01T14:05:09');
    expect(date?.toISOString()).toBe('2026-03-01T14:05:09.000Z');
    expect(formatFloatingDateTime(date!)).toBe('2026-03-01T14:05:09');
  });

  it('accepts a leap day only in a leap year', () => {
    expect(isFloatingDateTime('2028-02-29T00:00:00')).toBe(true);
    expect(isFloatingDateTime('2026-02-29T00:00:00')).toBe(false);
  });

  it.each([
    ['impossible day', '2026-02-30T10:00:00'],
    ['month 13', '2026-13-01T10:00:00'],
    ['hour 24', '2026-03-01T24:00:00'],
    ['second 60', '2026-03-01T10:00:60'],
    ['an offset', '2026-03-01T10:00:00Z'],
    ['a numeric offset', '2026-03-01T10:00:00+02:00'],
    ['no seconds', '2026-03-01T10:00'],
    ['a date only', '2026-03-01'],
    ['a space separator', '2026-03-01 10:00:00'],
    ['fractions', '2026-03-01T10:00:00.000'],
    ['words', 'tomorrow'],
    ['a leap day in another year', '2027-02-29T10:00:00'],
    ['minute 60', '2026-03-01T14:60:00'],
    ['nothing', ''],
  ])('rejects %s', (_, text) => {
    expect(isFloatingDateTime(text)).toBe(false);
  });

  it.each(['2026-03-01T14:00:00', '2028-02-29T23:59:59', '1999-12-31T00:00:00'])(
    'keeps the wall-clock time of %s in the UTC fields',
    (value) => {
      expect(parseFloatingDateTime(value)?.toISOString()).toBe(`${value}.000Z`);
    },
  );
});

describe('floating date (an all-day deadline)', () => {
  it('accepts real days, leap days only in leap years', () => {
    expect(isFloatingDate('2026-03-01')).toBe(true);
    expect(isFloatingDate('2028-02-29')).toBe(true);
    expect(isFloatingDate('2026-02-29')).toBe(false);
  });

  it.each([
    ['an impossible day', '2026-02-30'],
    ['month 13', '2026-13-01'],
    ['day 0', '2026-03-00'],
    ['a time', '2026-03-01T10:00:00'],
    ['a short year', '26-03-01'],
    ['a year Date reads as 19xx', '0026-03-01'],
    ['the last day (its event would end in year 10000)', '9999-12-31'],
    ['blanks', ' 2026-03-01'],
    ['a leap day in another year', '2027-02-29'],
    ['a century that is no leap year', '1900-02-29'],
    ['April 31', '2026-04-31'],
    ['month 0', '2026-00-10'],
    ['unpadded fields', '2026-3-1'],
    ['no separators', '20260301'],
    ['an offset', '2026-03-01Z'],
    ['an expanded year', '+02026-03-01'],
    ['nothing', ''],
  ])('rejects %s', (_, text) => {
    expect(isFloatingDate(text)).toBe(false);
  });
});

describe('deadlines', () => {
  it('read a date alone as its midnight, all day, and give it back as a date', () => {
    const deadline = parseDeadline('2026-03-31');
    expect(deadline).toEqual({ at: new Date('2026-03-31T00:00:00Z'), allDay: true });
    expect(formatDeadline(deadline!)).toBe('2026-03-31');
  });

  it('read a floating time as such, midnight included, and give it back as given', () => {
    for (const text of ['2026-03-31T14:30:00', '2026-03-31T00:00:00']) {
      const deadline = parseDeadline(text);
      expect(deadline).toEqual({ at: new Date(`${text}Z`), allDay: false });
      expect(formatDeadline(deadline!)).toBe(text);
    }
  });

  it('refuse anything else', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-03-01T25:00:00', 'soon', ''])
      expect(parseDeadline(text)).toBeUndefined();
  });
});
