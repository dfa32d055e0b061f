import { expect, it } from 'vitest';
import {
  formatAgo,
  formatBytes,
  formatPercent,
  formatSeconds,
  secondsBetween,
  shortId,
} from './monitor-format';

it('says durations at the scale people read them', () => {
  expect([null, 0.0004, 0.35, 4.21, 38.4, 150, 4_320].map(formatSeconds)).toEqual([
    '–',
    '0 ms',
    '350 ms',
    '4.2 s',
    '38 s',
    '2.5 min',
    '1.2 h',
  ]);
});

it('measures between instants, never below zero', () => {
  expect(secondsBetween('2026-03-01T10:00:00Z', '2026-03-01T10:00:02.5Z')).toBe(2.5);
  expect(secondsBetween('2026-03-01T10:00:02Z', new Date('2026-03-01T10:00:00Z'))).toBe(0);
  expect(secondsBetween(null, '2026-03-01T10:00:00Z')).toBeNull();
});

it('says how long ago', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const ago = (seconds: number) =>
    formatAgo(new Date(now.getTime() - seconds * 1000).toISOString(), now);
  expect([0.4, 3, 59, 60, 3599, 7200].map(ago)).toEqual([
    'just now',
    '3 s ago',
    '59 s ago',
    '1 min ago',
    '59 min ago',
    '2 h ago',
  ]);
});

it('formats sizes, ids and fractions', () => {
  expect([null, 512, 12_345, 4_100_000].map(formatBytes)).toEqual([
    '–',
    '512 B',
    '12.3 kB',
    '4.1 MB',
  ]);
  expect(shortId('aaaaaaaa-0000-4000-8000-000000000001')).toBe('aaaaaaaa');
  expect(formatPercent(0.426)).toBe('43%');
});
