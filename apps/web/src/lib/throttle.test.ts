import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('runs at once, folds the calls of an interval into one run at its end, then rests', () => {
  const run = vi.fn();
  const throttled = throttle(run, 500);
  throttled();
  expect(run).toHaveBeenCalledTimes(1);
  for (let i = 0; i < 10; i++) throttled();
  vi.advanceTimersByTime(499);
  expect(run).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(1);
  expect(run).toHaveBeenCalledTimes(2);
  vi.advanceTimersByTime(2_000);
  expect(run).toHaveBeenCalledTimes(2);
  throttled();
  expect(run).toHaveBeenCalledTimes(3);
});

it('drops the waiting run when cancelled', () => {
  const run = vi.fn();
  const throttled = throttle(run, 500);
  throttled();
  throttled();
  throttled.cancel();
  vi.advanceTimersByTime(1_000);
  expect(run).toHaveBeenCalledTimes(1);
});
