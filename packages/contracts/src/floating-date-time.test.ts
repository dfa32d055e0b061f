import { describe, expect, it } from 'vitest';
import {
  formatFloatingDateTime,
  isFloatingDateTime,
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
  ])('rejects %s', (_, text) => {
    expect(isFloatingDateTime(text)).toBe(false);
  });
});
