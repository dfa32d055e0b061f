import { formatSeconds } from '../monitor-format';
import type { MonitorSummary } from '../types';
import { StatTiles } from './stat-tiles';

/** The job queue: what waits, what waits for a retry, what runs, and how long the oldest has waited. */
export function QueueStats({ queue }: { queue: MonitorSummary['queue'] }) {
  return (
    <StatTiles
      tiles={[
        { label: 'Waiting', value: queue.waiting.toLocaleString(), tone: 'busy' },
        {
          label: 'Scheduled',
          value: queue.scheduled.toLocaleString(),
          tone: 'warning',
          hint: 'retries in backoff',
        },
        { label: 'Running', value: queue.running.toLocaleString(), tone: 'active' },
        {
          label: 'Oldest wait',
          value: formatSeconds(queue.oldest_wait_seconds),
          tone: queue.oldest_wait_seconds === null ? undefined : 'busy',
        },
      ]}
    />
  );
}
