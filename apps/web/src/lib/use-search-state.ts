import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * State mirrored in the page URL's query string, so that a reload or a shared
 * link shows the same. The history entry is replaced, so Back leaves the page
 * instead of stepping through every click. `toSearch` must be a stable function.
 */
export function useSearchState<T>(
  parse: (search: string) => T,
  toSearch: (value: T) => string,
): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState(() => parse(window.location.search));
  useEffect(() => {
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${toSearch(value)}${hash}`);
  }, [value, toSearch]);
  return [value, setValue];
}
