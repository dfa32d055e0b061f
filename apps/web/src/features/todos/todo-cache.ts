// Optimistic updates: how one todo change alters a cached page or the counts,
// computed here so the page looks right before the API answers. The queries
// are refetched afterwards, so these only have to be plausible, not exact
// (e.g. a page that lost an item is topped up by the refetch).
import type { TodoSelection } from '../../lib/todo-selection';
import { matchesSelection, PAGE_SIZE } from './todo-filters';
import type { Todo, TodoCounts, TodoPage } from './types';

/** A todo before and after a change; null before = created, null after = deleted. */
export interface TodoChange {
  before: Todo | null;
  after: Todo | null;
}

/** Todos made up on the client until the API assigns an id. */
export function isUnsaved(todo: Todo): boolean {
  return todo.id < 0;
}

let lastUnsavedId = 0;

/** A placeholder todo for the list while `POST /todos` is in flight. */
export function unsavedTodo(
  fields: Pick<Todo, 'title' | 'description' | 'deadline_at'> & { completed?: boolean },
  now: Date,
): Todo {
  const timestamp = now.toISOString();
  return {
    completed: false,
    ...fields,
    id: --lastUnsavedId,
    created_at: timestamp,
    updated_at: timestamp,
  };
}

/** The page of `GET /todos` (ordered by id) after the change. */
export function patchPage(
  page: TodoPage,
  selection: TodoSelection,
  pageNumber: number,
  change: TodoChange,
  now: Date,
): TodoPage {
  const { before, after } = change;
  const wasListed = before !== null && matchesSelection(before, selection, now);
  const isListed = after !== null && matchesSelection(after, selection, now);
  const total = page.total - Number(wasListed) + Number(isListed);
  const index = before === null ? -1 : page.items.findIndex((todo) => todo.id === before.id);

  if (index >= 0) {
    return {
      total,
      items: isListed ? page.items.with(index, after) : page.items.toSpliced(index, 1),
    };
  }
  if (!isListed || wasListed) return { ...page, total };

  // A new todo sorts last; an updated one by its id. Unsaved todos are always last.
  const sortKey = before === null ? Infinity : after.id;
  const position = page.items.findIndex((todo) => isUnsaved(todo) || todo.id > sortKey);
  const showsTail = (pageNumber - 1) * PAGE_SIZE + page.items.length >= page.total;
  if (position === -1) {
    return showsTail && page.items.length < PAGE_SIZE
      ? { total, items: [...page.items, after] }
      : { ...page, total };
  }
  // Sorting first on a later page means it belongs to an earlier one.
  if (position === 0 && pageNumber > 1) return { ...page, total };
  return { total, items: page.items.toSpliced(position, 0, after).slice(0, PAGE_SIZE) };
}

/** The per-status counts (of todos due within `days`, if given) after the change. */
export function patchCounts(
  counts: TodoCounts,
  days: number | undefined,
  change: TodoChange,
  now: Date,
): TodoCounts {
  const delta = (completed?: boolean) => {
    const selection = { completed, window: days };
    const listed = (todo: Todo | null) =>
      Number(todo !== null && matchesSelection(todo, selection, now));
    return listed(change.after) - listed(change.before);
  };
  return {
    all: counts.all + delta(),
    active: counts.active + delta(false),
    completed: counts.completed + delta(true),
  };
}
