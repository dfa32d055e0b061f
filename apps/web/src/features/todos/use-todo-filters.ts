import { useCallback, useEffect, useState } from 'react';
import { filtersToSearch, parseFilters, type TodoFilters } from './todo-filters';

/**
 * The list filters, mirrored in the URL's query string (replacing the history
 * entry, so Back leaves the app instead of stepping through filter clicks).
 * Changing status or window goes back to page 1 unless a page is given.
 */
export function useTodoFilters(): [TodoFilters, (change: Partial<TodoFilters>) => void] {
  const [filters, setFilters] = useState(() => parseFilters(window.location.search));
  useEffect(() => {
    const { pathname, hash } = window.location;
    window.history.replaceState(
      window.history.state,
      '',
      `${pathname}${filtersToSearch(filters)}${hash}`,
    );
  }, [filters]);
  const update = useCallback((change: Partial<TodoFilters>) => {
    setFilters((current) => ({ ...current, page: 1, ...change }));
  }, []);
  return [filters, update];
}
