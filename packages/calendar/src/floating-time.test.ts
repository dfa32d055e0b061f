import { describe, expect, it } from 'vitest';
import { parseFloatingTime } from './floating-time.js';

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
