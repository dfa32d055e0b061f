import { describe, expect, it } from 'vitest';
import { nextDay, parseDeadline } from './floating-time.js';

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
    expect(nextDay(new Date(`${day}T00:00:00Z`)).toISOString()).toBe(`${expected}T00:00:00.000Z`);
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
