import { describe, expect, it } from 'vitest';
import { nextDay, parseDeadline, parseFloatingDate, parseFloatingTime } from './floating-time.js';

describe('parseFloatingTime', () => {
  it.each(['2026-03-01T14:00:00', '2028-02-29T23:59:59', '1999-12-31T00:00:00'])(
    'keeps the wall-clock time of %s in the UTC fields',
    (value) => {
      expect(parseFloatingTime(value).toISOString()).toBe(`${value}.000Z`);
    },
  );

  it.each([
    '2026-02-30T10:00:00', // no such day
    '2027-02-29T10:00:00', // not a leap year
    '2026-03-01T24:00:00',
    '2026-03-01T14:60:00',
    '2026-13-01T14:00:00',
    '2026-03-01T14:00:00Z', // an instant, not a floating time
    '2026-03-01T14:00:00+01:00',
    '2026-03-01T14:00:00.000',
    '2026-03-01 14:00:00',
    '2026-03-01',
    '',
  ])('rejects %j', (value) => {
    expect(() => parseFloatingTime(value)).toThrow(RangeError);
  });
});

describe('parseFloatingDate', () => {
  it.each(['2026-03-01', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])(
    'gives the UTC midnight of %s',
    (value) => {
      expect(parseFloatingDate(value).toISOString()).toBe(`${value}T00:00:00.000Z`);
    },
  );

  it.each([
    '2026-02-30', // no such day
    '2027-02-29', // not a leap year
    '1900-02-29', // a century that is no leap year
    '2026-04-31',
    '2026-00-10',
    '2026-13-01',
    '2026-03-00',
    '2026-3-1',
    '20260301',
    '2026-03-01T00:00:00',
    '2026-03-01Z',
    ' 2026-03-01',
    '+02026-03-01',
    '',
  ])('rejects %j', (value) => {
    expect(() => parseFloatingDate(value)).toThrow(RangeError);
  });
});

describe('nextDay', () => {
  it.each([
    ['2026-03-01', '2026-03-02'],
    ['2026-01-31', '2026-02-01'], // month end
    ['2026-02-28', '2026-03-01'], // no leap day in 2026
    ['2028-02-28', '2028-02-29'], // leap day
    ['2028-02-29', '2028-03-01'],
    ['2026-12-31', '2027-01-01'], // year end
    ['2026-03-28', '2026-03-29'], // the night Europe moves its clocks: UTC days do not care
    ['2026-10-24', '2026-10-25'],
  ])('after %s comes %s', (day, expected) => {
    expect(nextDay(parseFloatingDate(day)).toISOString()).toBe(`${expected}T00:00:00.000Z`);
  });
});

describe('parseDeadline', () => {
  it('reads a date and time as a timed deadline', () => {
    expect(parseDeadline('2026-03-01T14:00:00')).toEqual({
      allDay: false,
      wallClock: new Date('2026-03-01T14:00:00Z'),
    });
  });

  it('reads a date alone as an all-day deadline ending the next day', () => {
    expect(parseDeadline('2026-12-31')).toEqual({
      allDay: true,
      day: new Date('2026-12-31T00:00:00Z'),
      nextDay: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('refuses the last day of year 9999, whose DTEND would need a five-digit year', () => {
    expect(parseDeadline('9999-12-30')).toMatchObject({ allDay: true });
    expect(() => parseDeadline('9999-12-31')).toThrow(RangeError);
  });

  it.each(['2026-02-30', '2026-02-30T10:00:00', '2026-03-01T14:00', '2026-03-01T', 'tomorrow', ''])(
    'rejects %j',
    (value) => {
      expect(() => parseDeadline(value)).toThrow(RangeError);
    },
  );
});
