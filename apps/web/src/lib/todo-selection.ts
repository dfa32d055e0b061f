import type { CreateExportBody } from '@taskoverflow/contracts';

/**
 * Which todos a list or an export covers: the `completed` and `window` filters
 * that `GET /todos` and `POST /todos/ical` share. Absent means "any"; `window`
 * is a deadline within the next N days, past deadlines included.
 */
export type TodoSelection = CreateExportBody;

/** A selection in words, e.g. "active todos due within 7 days". */
export function describeSelection({ completed, window: days }: TodoSelection): string {
  const what =
    completed === undefined ? 'all todos' : completed ? 'completed todos' : 'active todos';
  if (days === undefined) return what;
  return `${what} due within ${days} ${days === 1 ? 'day' : 'days'}`;
}
