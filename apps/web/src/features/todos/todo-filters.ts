import { parseWholeNumber, parseWindow, type TodoSelection } from '../../lib/todo-selection';
import { isDueWithin } from './deadline';
import type { Todo } from './types';

export const STATUS_FILTERS = ['all', 'active', 'completed'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** What the list shows; kept in the page URL so a reload or a shared link shows the same. */
export interface TodoFilters {
  status: StatusFilter;
  /** Only todos due within this many days (past deadlines included); null = any. */
  window: number | null;
  /** 1-based page number. */
  page: number;
}

export const PAGE_SIZE = 50;
export const DEFAULT_FILTERS: TodoFilters = { status: 'all', window: null, page: 1 };

/** Reads filters from a URL query string; anything unreadable falls back to the default. */
export function parseFilters(search: string): TodoFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  return {
    status: STATUS_FILTERS.find((s) => s === status) ?? 'all',
    window: parseWindow(params.get('window')),
    page: parseWholeNumber(params.get('page'), 1, Number.MAX_SAFE_INTEGER) ?? 1,
  };
}

/** The URL query string for filters; defaults are left out so the plain URL means "everything". */
export function filtersToSearch(filters: TodoFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'all') params.set('status', filters.status);
  if (filters.window !== null) params.set('window', String(filters.window));
  if (filters.page > 1) params.set('page', String(filters.page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The API selection the filters stand for. */
export function selectionOf({
  status,
  window: days,
}: Pick<TodoFilters, 'status' | 'window'>): TodoSelection {
  return {
    ...(status === 'all' ? {} : { completed: status === 'completed' }),
    ...(days === null ? {} : { window: days }),
  };
}

/** Whether the API would list this todo under the selection (used to patch cached pages). */
export function matchesSelection(
  todo: Todo,
  { completed, window: days }: TodoSelection,
  now: Date,
): boolean {
  if (completed !== undefined && todo.completed !== completed) return false;
  return days === undefined || isDueWithin(todo.deadline_at, days, now);
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
