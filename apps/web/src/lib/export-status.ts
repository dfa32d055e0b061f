// What every feature that shows exports shares: the status names and the tones they are drawn in.
import type { ExportStatus } from '@taskoverflow/contracts';

export type TaskStatus = ExportStatus;

/** The colours a state is drawn in; a colour always repeats a word, never replaces it. */
export type ExportTone = 'busy' | 'warning' | 'success' | 'error';

// A value list from the contracts would bundle its schema library.
const TASK_STATUSES: Record<TaskStatus, true> = {
  PENDING: true,
  STARTED: true,
  RETRY: true,
  SUCCESS: true,
  FAILURE: true,
};

/** True for the five `task_status` names. */
export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && Object.hasOwn(TASK_STATUSES, value);
}

export function isFinished(status: TaskStatus): boolean {
  return status === 'SUCCESS' || status === 'FAILURE';
}
