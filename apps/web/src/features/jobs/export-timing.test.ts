import { expect, it } from 'vitest';
import { monitorExport } from '../../testing/fake-api';
import { exportTiming, stepTime } from './export-timing';
import { formatClock } from './monitor-format';

const now = new Date('2026-03-01T10:00:10Z');
const created_at = '2026-03-01T10:00:00Z';

it('tells how long an export waits, runs or took, or when it tries again', () => {
  expect(exportTiming(monitorExport({ created_at }), now)).toBe('waiting 10 s');
  expect(
    exportTiming(
      monitorExport({ created_at, task_status: 'STARTED', started_at: '2026-03-01T10:00:08.8Z' }),
      now,
    ),
  ).toBe('running 1.2 s');
  const next_attempt_at = '2026-03-01T10:01:00Z';
  expect(exportTiming(monitorExport({ task_status: 'RETRY', next_attempt_at }), now)).toBe(
    `next try ${formatClock(next_attempt_at)}`,
  );
  expect(
    exportTiming(
      monitorExport({ created_at, task_status: 'SUCCESS', finished_at: '2026-03-01T10:00:00.85Z' }),
      now,
    ),
  ).toBe('took 850 ms');
});

it('puts the time since the step before next to a step', () => {
  const started = '2026-03-01T10:00:02Z';
  expect(stepTime(started, created_at)).toBe(`${formatClock(started)} (after 2.0 s)`);
  expect(stepTime(null, created_at)).toBe('–');
});
