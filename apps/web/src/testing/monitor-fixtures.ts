// Monitor API answers for tests, filled with quiet defaults that a test overrides.
import type { MonitorSummary, MonitorWorker } from '../features/jobs/types';

const noLatency = { p50: null, p95: null, p99: null };

export function monitorSummary(fields: Partial<MonitorSummary> = {}): MonitorSummary {
  return {
    exports: { PENDING: 0, STARTED: 0, RETRY: 0, SUCCESS: 0, FAILURE: 0 },
    queue: { waiting: 0, scheduled: 0, running: 0, oldest_wait_seconds: null },
    windows: [1, 5, 60].map((minutes) => ({
      minutes,
      succeeded: 0,
      failed: 0,
      per_minute: 0,
      wait: noLatency,
      run: noLatency,
    })),
    per_minute: Array.from({ length: 60 }, (_, i) => ({
      minute: new Date(Date.UTC(2026, 2, 1, 9, i)).toISOString(),
      succeeded: 0,
      failed: 0,
    })),
    ...fields,
  };
}

export function monitorWorker(fields: Partial<MonitorWorker> = {}): MonitorWorker {
  return {
    pool_id: 'pool-1',
    hostname: 'worker-host',
    pid: 4242,
    concurrency: 4,
    started_at: '2026-03-01T09:00:00Z',
    last_seen_at: new Date().toISOString(),
    alive: true,
    jobs: [],
    ...fields,
  };
}
