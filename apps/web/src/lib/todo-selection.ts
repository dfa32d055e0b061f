import type { CreateExportBody } from '@taskoverflow/contracts';
import { WINDOW_DAYS_MAX } from '@taskoverflow/contracts/values';

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

/** A whole number from text (digits only) within [min, max], or null. */
export function parseWholeNumber(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}

/** A typed "due within N days" value, or null unless it is a whole number in range. */
export function parseWindow(text: string | null): number | null {
  return parseWholeNumber(text, 0, WINDOW_DAYS_MAX);
}
