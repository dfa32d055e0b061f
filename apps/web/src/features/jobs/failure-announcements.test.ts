import { expect, it } from 'vitest';
import { monitorExport } from '../../testing/fake-api';
import { announceFailures, newFailures } from './failure-announcements';

const failure = (n: number, error?: string) =>
  monitorExport({ task_id: `${n}`.repeat(8), task_status: 'FAILURE', error });

it('says nothing on the first look, nor when nothing new failed', () => {
  expect(newFailures(undefined, [failure(1)], 5)).toEqual({ failures: [], maybeMore: false });
  expect(announceFailures(newFailures([failure(1)], [failure(1)], 5))).toBeNull();
});

it('names a new failure with its reason', () => {
  expect(
    announceFailures(newFailures([failure(1)], [failure(2, 'disk full'), failure(1)], 5)),
  ).toBe('Export 22222222 failed: disk full');
});

it('counts several, and says "or more" when every listed one is new', () => {
  const seen = [failure(1)];
  expect(announceFailures(newFailures(seen, [failure(3, 'boom'), failure(2), failure(1)], 5))).toBe(
    '2 exports failed; the latest, 33333333: boom',
  );
  expect(announceFailures(newFailures(seen, [failure(3), failure(2)], 2))).toBe(
    '2 or more exports failed; the latest, 33333333',
  );
});
