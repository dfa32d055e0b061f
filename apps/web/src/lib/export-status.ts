// What every feature that shows exports shares: the status names and the tones they are drawn in.
import type { ExportStatus } from '@taskoverflow/contracts';

export type TaskStatus = ExportStatus;

/** The colours a state is drawn in; a colour always repeats a word, never replaces it. */
export type ExportTone = 'busy' | 'warning' | 'success' | 'error';

/** The list, checked to name every status: one left out fails to compile. */
const everyStatus = <const List extends readonly TaskStatus[]>(
  list: List & ([Exclude<TaskStatus, List[number]>] extends [never] ? unknown : never),
): List => list;

// A value list from the contracts would bundle its schema library.
/** The five `task_status` names, in the order an export goes through them. */
export const TASK_STATUSES = everyStatus(['PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE']);

/** True for the five `task_status` names. */
export function isTaskStatus(value: unknown): value is TaskStatus {
  return (TASK_STATUSES as readonly unknown[]).includes(value);
}

export function isFinished(status: TaskStatus): boolean {
  return status === 'SUCCESS' || status === 'FAILURE';
}
