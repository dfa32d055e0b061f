// How long an export has waited, run or taken, for the exports table.
import { formatClock, formatSeconds, secondsBetween } from './monitor-format';
import type { MonitorExport } from './types';

/** One short phrase: "waiting 3.1 s", "running 1.2 s", "next try 10:32:05", "took 850 ms". */
export function exportTiming(item: MonitorExport, now: Date): string {
  switch (item.task_status) {
    case 'PENDING':
      return `waiting ${formatSeconds(secondsBetween(item.created_at, now))}`;
    case 'STARTED':
      return `running ${formatSeconds(secondsBetween(item.started_at ?? item.created_at, now))}`;
    case 'RETRY':
      return item.next_attempt_at ? `next try ${formatClock(item.next_attempt_at)}` : 'retry due';
    case 'SUCCESS':
    case 'FAILURE':
      return `took ${formatSeconds(secondsBetween(item.created_at, item.finished_at))}`;
  }
}

/** An instant of the export's life with the time since the one before, e.g. "10:32:05 (after 1.2 s)". */
export function stepTime(at: string | null, since: string | null): string {
  if (at === null) return '–';
  const took = secondsBetween(since, at);
  return took === null ? formatClock(at) : `${formatClock(at)} (after ${formatSeconds(took)})`;
}
