import { apiRequest } from '../../../lib/api-client';
import type { TodoSelection } from '../../../lib/todo-selection';
import { PAGE_SIZE } from '../todo-filters';
import type { Todo, TodoCounts, TodoInput, TodoPage, UpdateTodoBody } from '../types';

/** Query keys: everything under `todoKeys.all` is refreshed after any todo change. */
export const todoKeys = {
  all: ['todos'] as const,
  pages: ['todos', 'page'] as const,
  allCounts: ['todos', 'counts'] as const,
  page: (selection: TodoSelection, page: number) => ['todos', 'page', selection, page] as const,
  counts: (days: number | undefined) => ['todos', 'counts', days ?? null] as const,
};

export async function fetchTodoPage(
  selection: TodoSelection,
  page: number,
  signal?: AbortSignal,
): Promise<TodoPage> {
  const { data, headers } = await apiRequest<Todo[]>('/todos', {
    query: { ...selection, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    signal,
  });
  const total = Number.parseInt(headers.get('X-Total-Count') ?? '', 10);
  return { items: data, total: Number.isNaN(total) ? data.length : total };
}

/** Counts per status tab; one-item pages, because only `X-Total-Count` is needed. */
export async function fetchTodoCounts(
  days: number | undefined,
  signal?: AbortSignal,
): Promise<TodoCounts> {
  const count = async (completed?: boolean) => {
    const { headers } = await apiRequest<Todo[]>('/todos', {
      query: { completed, window: days, limit: 1 },
      signal,
    });
    return Number.parseInt(headers.get('X-Total-Count') ?? '0', 10) || 0;
  };
  const [all, active, completed] = await Promise.all([count(), count(false), count(true)]);
  return { all, active, completed };
}

export async function createTodo(input: TodoInput): Promise<Todo> {
  return (await apiRequest<Todo>('/todos', { method: 'POST', body: input })).data;
}

export async function updateTodo(id: number, patch: UpdateTodoBody): Promise<Todo> {
  return (await apiRequest<Todo>(`/todos/${id}`, { method: 'PUT', body: patch })).data;
}

export async function deleteTodo(id: number): Promise<void> {
  await apiRequest<unknown>(`/todos/${id}`, { method: 'DELETE' });
}
