import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useNotify } from '../../../components/notices';
import { failureMessage } from '../../../lib/api-client';
import { patchCounts, patchPage, unsavedTodo, type TodoChange } from '../todo-cache';
import { selectionOf, type TodoFilters } from '../todo-filters';
import type { Todo, TodoCounts, TodoInput, TodoPage, UpdateTodoBody } from '../types';
import {
  createTodo,
  deleteTodo,
  fetchTodoCounts,
  fetchTodoPage,
  todoKeys,
  updateTodo,
} from './todos-api';

export function useTodoPage(filters: TodoFilters) {
  const selection = selectionOf(filters);
  return useQuery({
    queryKey: todoKeys.page(selection, filters.page),
    queryFn: ({ signal }) => fetchTodoPage(selection, filters.page, signal),
    // Paging and filtering keep the old list on screen (dimmed) instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

export function useTodoCounts(windowDays: number | null) {
  const days = windowDays ?? undefined;
  return useQuery({
    queryKey: todoKeys.counts(days),
    queryFn: ({ signal }) => fetchTodoCounts(days, signal),
    placeholderData: keepPreviousData,
  });
}

function applyChange(queryClient: QueryClient, change: TodoChange, now: Date) {
  for (const [key, page] of queryClient.getQueriesData<TodoPage>({ queryKey: todoKeys.pages })) {
    const [, , selection, pageNumber] = key as ReturnType<typeof todoKeys.page>;
    if (page) queryClient.setQueryData(key, patchPage(page, selection, pageNumber, change, now));
  }
  for (const [key, counts] of queryClient.getQueriesData<TodoCounts>({
    queryKey: todoKeys.allCounts,
  })) {
    const [, , days] = key as ReturnType<typeof todoKeys.counts>;
    if (counts) queryClient.setQueryData(key, patchCounts(counts, days ?? undefined, change, now));
  }
}

interface OptimisticOptions<TVariables, TResult> {
  mutationFn: (variables: TVariables) => Promise<TResult>;
  /** Mutations of the same scope run one at a time, in the order they were started. */
  scope?: { id: string };
  /** The change to show while the request runs. */
  change: (variables: TVariables) => TodoChange;
  /** The start of the message shown when the API refuses, e.g. `Could not delete “Milk”`; none when the caller shows the error itself. */
  failure?: (variables: TVariables) => string;
}

/**
 * A todo mutation whose result shows at once: the cached lists and counts are
 * patched before the request, patched back if it fails (with a message), and
 * refetched when the last running todo mutation settles.
 */
function useOptimisticTodoMutation<TVariables, TResult>({
  mutationFn,
  change,
  failure,
  scope,
}: OptimisticOptions<TVariables, TResult>) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationKey: todoKeys.all,
    mutationFn,
    scope,
    onMutate: async (variables) => {
      await queryClient.cancelQueries({ queryKey: todoKeys.all });
      const applied = change(variables);
      applyChange(queryClient, applied, new Date());
      return applied;
    },
    onError: (error, variables, applied) => {
      // Undo this change alone: a snapshot of the cache would also undo the changes made since.
      if (applied)
        applyChange(queryClient, { before: applied.after, after: applied.before }, new Date());
      if (!failure) return;
      notify({
        tone: 'error',
        message: `${failureMessage(failure(variables), error)} The change was undone.`,
      });
    },
    // Refetching while another change is still in flight would briefly show the list without it.
    onSettled: () =>
      queryClient.isMutating({ mutationKey: todoKeys.all }) === 1
        ? queryClient.invalidateQueries({ queryKey: todoKeys.all })
        : undefined,
  });
}

/** Creates a todo; without `failure` the caller shows why the API refused (the add form does, next to its fields). */
export function useCreateTodo(failure?: (input: TodoInput) => string) {
  return useOptimisticTodoMutation({
    mutationFn: createTodo,
    change: (input: TodoInput) => ({ before: null, after: unsavedTodo(input, new Date()) }),
    failure,
    // The API numbers todos as they arrive and lists them by number: saving one at a
    // time keeps todos added in quick succession in the order they were added.
    scope: { id: 'create-todo' },
  });
}

export function useUpdateTodo() {
  return useOptimisticTodoMutation({
    mutationFn: ({ todo, patch }: { todo: Todo; patch: UpdateTodoBody }) =>
      updateTodo(todo.id, patch),
    change: ({ todo, patch }) => ({ before: todo, after: { ...todo, ...patch } }),
    failure: ({ todo, patch }) =>
      patch.completed === undefined
        ? `Could not save “${todo.title}”`
        : `Could not mark “${todo.title}” as ${patch.completed ? 'done' : 'not done'}`,
  });
}

export function useDeleteTodo() {
  return useOptimisticTodoMutation({
    mutationFn: (todo: Todo) => deleteTodo(todo.id),
    change: (todo) => ({ before: todo, after: null }),
    failure: (todo) => `Could not delete “${todo.title}”`,
  });
}
