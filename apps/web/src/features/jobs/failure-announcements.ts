// Which failures to announce: those that appear between two looks at the latest failures.
import { shortId } from './monitor-format';
import type { MonitorExport } from './types';

export interface NewFailures {
  /** Newest first. */
  failures: MonitorExport[];
  /** Every failure of the (full) window is new: older new ones may lie beyond it. */
  maybeMore: boolean;
}

/** Failures in `next` (the latest `limit`) not seen before; none on the first look. */
export function newFailures(
  seen: readonly MonitorExport[] | undefined,
  next: readonly MonitorExport[],
  limit: number,
): NewFailures {
  if (seen === undefined) return { failures: [], maybeMore: false };
  const known = new Set(seen.map((failure) => failure.task_id));
  const failures = next.filter((failure) => !known.has(failure.task_id));
  return { failures, maybeMore: failures.length === limit };
}

/** One sentence for the new failures, or null for none. */
export function announceFailures({ failures, maybeMore }: NewFailures): string | null {
  const [latest] = failures;
  if (!latest) return null;
  const reason = latest.error ? `: ${latest.error}` : '';
  if (failures.length === 1 && !maybeMore)
    return `Export ${shortId(latest.task_id)} failed${reason}`;
  const count = `${failures.length}${maybeMore ? ' or more' : ''}`;
  return `${count} exports failed; the latest, ${shortId(latest.task_id)}${reason}`;
}
