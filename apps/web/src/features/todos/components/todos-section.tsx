import { useRef } from 'react';
import { ErrorState } from '../../../components/error-state';
import { useNotify } from '../../../components/notices';
import { describeSelection } from '../../../lib/todo-selection';
import { useCreateTodo, useDeleteTodo, useTodoCounts, useTodoPage } from '../api/use-todos';
import {
  DEFAULT_FILTERS,
  matchesSelection,
  pageCount,
  selectionOf,
  type TodoFilters,
} from '../todo-filters';
import type { Todo } from '../types';
import { AddTodo } from './add-todo';
import { Pagination } from './pagination';
import { TodoFiltersBar } from './todo-filters-bar';
import { TodoList } from './todo-list';

interface TodosSectionProps {
  filters: TodoFilters;
  onFiltersChange: (change: Partial<TodoFilters>) => void;
}

export function TodosSection({ filters, onFiltersChange }: TodosSectionProps) {
  const pageQuery = useTodoPage(filters);
  const counts = useTodoCounts(filters.window);
  const selection = selectionOf(filters);
  const page = pageQuery.data;
  const notify = useNotify();
  const remove = useDeleteTodo();
  const restore = useCreateTodo((input) => `Could not restore “${input.title}”`);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Here rather than in the list, which unmounts when its last todo goes (and would drop the Undo).
  const deleteTodo = (todo: Todo) => {
    // The focused Delete button disappears with the todo; keep the keyboard in this section.
    headingRef.current?.focus();
    if (page?.items.length === 1 && filters.page > 1) onFiltersChange({ page: filters.page - 1 });
    remove.mutate(todo, {
      onSuccess: () =>
        notify({
          tone: 'info',
          message: `Deleted “${todo.title}”.`,
          action: {
            label: 'Undo',
            run: () =>
              restore.mutate({
                title: todo.title,
                description: todo.description,
                completed: todo.completed,
                deadline_at: todo.deadline_at,
              }),
          },
        }),
    });
  };

  const onAdded = (todo: Todo) => {
    if (!matchesSelection(todo, selection, new Date()))
      return `Added “${todo.title}”; the filters hide it.`;
    // The list is ordered oldest first, so a new todo is on the last page.
    const lastPage = pageCount((page?.total ?? 0) + 1);
    if (lastPage !== filters.page) onFiltersChange({ page: lastPage });
    return `Added “${todo.title}”.`;
  };

  return (
    <section className="card todos" aria-labelledby="todos-heading">
      <h2 id="todos-heading" ref={headingRef} tabIndex={-1}>
        Todos
      </h2>
      <AddTodo onAdded={onAdded} />
      <TodoFiltersBar filters={filters} counts={counts.data} onChange={onFiltersChange} />
      {page === undefined ? (
        pageQuery.isError ? (
          <ErrorState onRetry={() => void pageQuery.refetch()}>
            Could not load your todos. {pageQuery.error.message}
          </ErrorState>
        ) : (
          <p className="empty-state" aria-busy="true">
            Loading todos…
          </p>
        )
      ) : (
        <>
          {pageQuery.isError && (
            <p className="form-error" role="alert">
              Could not refresh the list: {pageQuery.error.message}
            </p>
          )}
          {page.items.length > 0 ? (
            <TodoList
              todos={page.items}
              stale={pageQuery.isPlaceholderData}
              onDelete={deleteTodo}
            />
          ) : page.total > 0 ? (
            <div className="empty-state">
              <p>Nothing on this page.</p>
              <button
                type="button"
                onClick={() => onFiltersChange({ page: pageCount(page.total) })}
              >
                Go to the last page
              </button>
            </div>
          ) : filters.status === 'all' && filters.window === null ? (
            <p className="empty-state">No todos yet. Add your first one above.</p>
          ) : (
            <div className="empty-state">
              <p>No {describeSelection(selection)}.</p>
              <button type="button" onClick={() => onFiltersChange(DEFAULT_FILTERS)}>
                Show all todos
              </button>
            </div>
          )}
          <Pagination
            page={filters.page}
            total={page.total}
            onPage={(number) => onFiltersChange({ page: number })}
          />
        </>
      )}
    </section>
  );
}
