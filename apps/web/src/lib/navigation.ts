// Page addresses without a router package: the History API, and a hook that
// follows the path. The API answers every path outside /api with index.html,
// so each page's address also works when typed, bookmarked or reloaded.
import { useSyncExternalStore, type MouseEvent } from 'react';

export type Route = 'todos' | 'subscribe' | 'jobs' | 'account';

export const ROUTE_PATHS: Record<Route, string> = {
  todos: '/',
  subscribe: '/subscribe',
  jobs: '/jobs',
  account: '/account',
};

/** The page for a path; unknown paths show the todos, as they always have. */
export function routeOf(pathname: string): Route {
  const page = /^\/(subscribe|jobs|account)\/?$/.exec(pathname)?.[1];
  return page === 'subscribe' || page === 'jobs' || page === 'account' ? page : 'todos';
}

// pushState fires no event of its own.
const NAVIGATED = 'taskoverflow:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path, following links, Back and Forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** Goes to a page of the app, as a new history entry. */
export function navigate(path: string) {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** A click the app may handle itself; with a modifier or another button the browser opens a tab or a window. */
export function isPlainLeftClick(
  event: Pick<
    MouseEvent,
    'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'defaultPrevented'
  >,
): boolean {
  return (
    event.button === 0 &&
    !event.defaultPrevented &&
    !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
  );
}
