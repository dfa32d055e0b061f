// How the page follows an export: when to ask again, and what to tell the user.
import type { ExportEvent } from '@taskoverflow/contracts';
import { isFinalExportStatus, type ExportStatus } from '@taskoverflow/contracts/values';
import type { ExportTone } from '../../lib/export-status';
import type { ExportStatusResponse } from './types';

const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

/**
 * Delay before the next status request after `polls` of them: quick at first,
 * when most exports finish, then backing off ×1.5 to at most 5 s.
 */
export function pollDelay(polls: number): number {
  return Math.min(MAX_POLL_MS, Math.round(FIRST_POLL_MS * 1.5 ** polls));
}

/** What the status query knows, for deciding when to ask again. */
export interface StatusQueryState {
  data: ExportStatusResponse | undefined;
  /** The last request was refused (4xx, e.g. an unknown id): asking again cannot help. */
  refused: boolean;
  /** Answers and failures so far. */
  updates: number;
}

/**
 * Delay before the next status request, or false: never once finished or
 * refused, nor while events arrive. `live` counts only once the status is
 * known, because only then does the page open the stream for this export.
 */
export function nextStatusPoll(
  { data, refused, updates }: StatusQueryState,
  live: boolean,
): number | false {
  if ((data && isFinalExportStatus(data.task_status)) || refused || (live && data !== undefined))
    return false;
  return pollDelay(updates);
}

/**
 * The status with an event's news put in, and whether to fetch it whole. An
 * event carries the state, progress and attempts only; a new state comes with
 * more (start time, error text, counts, expiry), so it is fetched rather than
 * shown half-known (e.g. "Ready: 0 events").
 */
export function applyExportEvent(
  status: ExportStatusResponse | undefined,
  event: ExportEvent,
): { status: ExportStatusResponse | undefined; refetch: boolean } {
  if (status?.task_id !== event.task_id || status.task_status !== event.task_status)
    return { status, refetch: true };
  return {
    status: { ...status, progress: event.progress, attempts: event.attempts },
    refetch: false,
  };
}

const plural = (count: number, word: string) =>
  `${count.toLocaleString()} ${word}${count === 1 ? '' : 's'}`;

/** One sentence for the state of an export, also announced to screen readers. */
export function describeExport(status: ExportStatusResponse): { tone: ExportTone; text: string } {
  switch (status.task_status) {
    case 'PENDING':
      return { tone: 'busy', text: 'Queued: waiting for a worker…' };
    case 'STARTED':
      return { tone: 'busy', text: 'Generating your calendar…' };
    case 'RETRY':
      return {
        tone: 'warning',
        text: `Attempt ${status.attempts} of ${status.max_attempts} failed; retrying soon.`,
      };
    case 'SUCCESS':
      return {
        tone: 'success',
        text: `Ready: ${plural(status.event_count ?? 0, 'event')} from ${plural(status.todo_count ?? 0, 'todo')}.`,
      };
    case 'FAILURE':
      return {
        tone: 'error',
        text: `The export failed after ${plural(status.attempts, 'attempt')}.`,
      };
  }
}

/** True when the file can be downloaded: finished well and not yet purged. */
export function canDownload(status: ExportStatusResponse, now: Date): boolean {
  return (
    status.task_status === 'SUCCESS' &&
    (status.expires_at === null || Date.parse(status.expires_at) > now.getTime())
  );
}

const BADGES: Record<ExportStatus, string> = {
  PENDING: 'Queued',
  STARTED: 'Generating',
  RETRY: 'Retrying',
  SUCCESS: 'Ready',
  FAILURE: 'Failed',
};

/** Short state name and colour for the recent-exports list. */
export function exportBadge(
  status: ExportStatusResponse,
  now: Date,
): { tone: ExportTone; label: string } {
  if (status.task_status === 'SUCCESS' && !canDownload(status, now))
    return { tone: 'busy', label: 'Expired' };
  return { tone: describeExport(status).tone, label: BADGES[status.task_status] };
}

/** The recent-exports list with a fresher status of one export put in (new ones go first). */
export function upsertExport(
  list: ExportStatusResponse[],
  status: ExportStatusResponse,
): ExportStatusResponse[] {
  const index = list.findIndex((item) => item.task_id === status.task_id);
  return index === -1 ? [status, ...list] : list.with(index, status);
}

/** A random v4 UUID for `Idempotency-Key`; `crypto.randomUUID` is missing on plain-http origins. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
