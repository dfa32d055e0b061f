import { describe, expect, it } from 'vitest';
import { deadlineWindowEnd, isWithinWindow } from './deadline-window.js';
import { WINDOW_DAYS_MAX } from './limits.js';
import { formatFloatingDateTime, parseDeadline } from './floating-date-time.js';

const now = new Date('2026-03-29T18:30:00Z');

describe('the deadline window', () => {
  it('ends that many whole days after now (no window of 0 reaches tomorrow)', () => {
    expect(formatFloatingDateTime(deadlineWindowEnd(now, 0))).toBe('2026-03-29T18:30:00');
    expect(formatFloatingDateTime(deadlineWindowEnd(now, 2))).toBe('2026-03-31T18:30:00');
  });

  it('takes past deadlines, and an all-day deadline when its day is in it', () => {
    const within = (text: string, days: number) =>
      isWithinWindow(parseDeadline(text)!.at, now, days);
    expect(within('2020-01-01T00:00:00', 0)).toBe(true);
    expect(within('2026-03-29', 0)).toBe(true);
    expect(within('2026-03-31', 2)).toBe(true);
    expect(within('2026-03-31T18:30:00', 2)).toBe(true);
    expect(within('2026-03-31T18:30:01', 2)).toBe(false);
    expect(within('2026-04-01', 2)).toBe(false);
  });

  it('still ends at a date a floating time can write at its widest', () => {
    expect(formatFloatingDateTime(deadlineWindowEnd(now, WINDOW_DAYS_MAX))).toBe(
      '2126-03-05T18:30:00',
    );
  });
});
