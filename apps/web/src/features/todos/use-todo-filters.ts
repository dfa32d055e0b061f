import { useCallback } from 'react';
import { useSearchState } from '../../lib/use-search-state';
import { filtersToSearch, parseFilters, type TodoFilters } from './todo-filters';

/**
 * The list filters, mirrored in the URL's query string. Changing status or
 * window goes back to page 1 unless a page is given.
 */
export function useTodoFilters(): [TodoFilters, (change: Partial<TodoFilters>) => void] {
  const [filters, setFilters] = useSearchState(parseFilters, filtersToSearch);
  const update = useCallback(
    (change: Partial<TodoFilters>) => {
      setFilters((current) => ({ ...current, page: 1, ...change }));
    },
    [setFilters],
  );
  return [filters, update];
}
