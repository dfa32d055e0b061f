import { EXPORT_STATUSES, type ExportStatus } from '@taskoverflow/contracts';

/**
 * Every change of status an export may make, from → to. The export store
 * writes a status only along these edges; anything else is an
 * {@link IllegalExportTransition}.
 */
export const EXPORT_TRANSITIONS: Readonly<Record<ExportStatus, readonly ExportStatus[]>> = {
  // A worker starts it; its worker stopped before starting it (it gets a new job); cancelled.
  PENDING: ['STARTED', 'RETRY', 'FAILURE'],
  // Its job runs again after an attempt that could not record its outcome (the
  // database was away); a failed, reaped or interrupted attempt; done; the last
  // attempt failed, or cancelled.
  STARTED: ['STARTED', 'RETRY', 'SUCCESS', 'FAILURE'],
  // The next attempt starts; its worker stopped before starting it; cancelled, or abandoned.
  RETRY: ['STARTED', 'RETRY', 'FAILURE'],
  SUCCESS: [],
  // Started over from the jobs monitor.
  FAILURE: ['PENDING'],
};

/** Whether an export in status `from` may move to `to`. */
export function canTransition(from: ExportStatus, to: ExportStatus): boolean {
  return EXPORT_TRANSITIONS[from].includes(to);
}

/** The statuses from which an export may move to `to`. */
export function statusesLeadingTo(to: ExportStatus): ExportStatus[] {
  return EXPORT_STATUSES.filter((from) => canTransition(from, to));
}

/** A change of status that the table does not allow: a bug, or a request that does not apply. */
export class IllegalExportTransition extends Error {
  constructor(
    readonly exportId: string,
    readonly from: ExportStatus,
    readonly to: ExportStatus,
  ) {
    super(`export ${exportId} cannot go from ${from} to ${to}`);
    this.name = 'IllegalExportTransition';
  }
}
