// How the jobs view names and colours export states, and keeps its status filter in the URL.
import { isExportStatus, type ExportStatus } from '@taskoverflow/contracts/values';
import type { ExportTone } from '../../lib/export-status';

/** `active` sets running work apart from work that waits (`busy`). */
export type JobTone = ExportTone | 'active';

/** Words for people watching the queue, with a colour that repeats the word (never replaces it). */
export const STATUS_LOOKS: Record<ExportStatus, { label: string; tone: JobTone }> = {
  PENDING: { label: 'Pending', tone: 'busy' },
  STARTED: { label: 'Running', tone: 'active' },
  RETRY: { label: 'Retrying', tone: 'warning' },
  SUCCESS: { label: 'Succeeded', tone: 'success' },
  FAILURE: { label: 'Failed', tone: 'error' },
};

/** The status filter of a URL query string (`?status=FAILURE`), or null for all. */
export function parseStatusFilter(search: string): ExportStatus | null {
  const status = new URLSearchParams(search).get('status');
  return isExportStatus(status) ? status : null;
}

export function statusFilterToSearch(status: ExportStatus | null): string {
  return status === null ? '' : `?status=${status}`;
}
