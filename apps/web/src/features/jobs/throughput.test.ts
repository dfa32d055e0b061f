import { expect, it } from 'vitest';
import { describeThroughput, throughputBars, throughputTotals } from './throughput';

const minutes = [
  { minute: '2026-03-01T10:00:00.000Z', succeeded: 0, failed: 0 },
  { minute: '2026-03-01T10:01:00.000Z', succeeded: 6, failed: 2 },
  { minute: '2026-03-01T10:02:00.000Z', succeeded: 4, failed: 0 },
  { minute: '2026-03-01T10:03:00.000Z', succeeded: 0, failed: 1 },
];

it('stacks failed on succeeded, scaled to the busiest minute', () => {
  const { bars, max } = throughputBars(minutes, 400, 100);
  expect(max).toBe(8);
  expect(bars.map((bar) => [bar.x, bar.width])).toEqual([
    [10, 80],
    [110, 80],
    [210, 80],
    [310, 80],
  ]);
  expect(bars[1]).toMatchObject({
    succeededRect: { y: 25, height: 75 },
    failedRect: { y: 0, height: 25 },
  });
  expect(bars[3]).toMatchObject({
    succeededRect: { y: 100, height: 0 },
    failedRect: { y: 87.5, height: 12.5 },
  });
});

it('keeps a quiet hour flat instead of dividing by zero', () => {
  const quiet = minutes.map((m) => ({ ...m, succeeded: 0, failed: 0 }));
  const { bars, max } = throughputBars(quiet, 400, 100);
  expect(max).toBe(1);
  expect(bars.every((bar) => bar.succeededRect.height === 0 && bar.failedRect.height === 0)).toBe(
    true,
  );
  expect(describeThroughput(quiet, String)).toBe(
    'Exports finished per minute over the last 4 minutes: none.',
  );
});

it('sums up the chart in a sentence', () => {
  expect(throughputTotals(minutes)).toEqual({ succeeded: 10, failed: 3, busiest: minutes[1] });
  expect(describeThroughput(minutes, (iso) => iso.slice(11, 16))).toBe(
    'Exports finished per minute over the last 4 minutes: 10 succeeded, 3 failed; busiest minute 10:01 with 8.',
  );
});
