import { lazy, Suspense, useEffect, useRef } from 'react';
import { ErrorBoundary } from './components/error-boundary';
import { NavLink } from './components/nav-link';
import { ExportPanel } from './features/calendar-export/components/export-panel';
import { TodosSection } from './features/todos/components/todos-section';
import { selectionOf } from './features/todos/todo-filters';
import { useTodoFilters } from './features/todos/use-todo-filters';
import { ROUTE_PATHS, routeOf, usePathname, type Route } from './lib/navigation';

// The jobs view is code of its own, loaded on first use, so the todos page loads as fast as before.
const loadJobsPage = () => import('./features/jobs/components/jobs-page');
const JobsPage = lazy(loadJobsPage);

const TITLES: Record<Route, string> = { todos: 'TaskOverflow', jobs: 'Jobs · TaskOverflow' };

export function App() {
  const route = routeOf(usePathname());
  const main = useRef<HTMLElement>(null);
  const shownRoute = useRef(route);
  useEffect(() => {
    document.title = TITLES[route];
    // After a change of page, start keyboard and screen reader users at its content, not at the top.
    if (shownRoute.current !== route) main.current?.focus();
    shownRoute.current = route;
  }, [route]);

  return (
    <>
      <header className="app-header">
        <div className="app-header-inner">
          <h1>
            <img src="/favicon.svg" alt="" width="28" height="28" />
            TaskOverflow
          </h1>
          <nav className="app-nav" aria-label="Pages">
            <NavLink to={ROUTE_PATHS.todos} current={route === 'todos'}>
              Todos
            </NavLink>
            <NavLink
              to={ROUTE_PATHS.jobs}
              current={route === 'jobs'}
              onIntent={() => void loadJobsPage()}
            >
              Jobs
            </NavLink>
          </nav>
        </div>
      </header>
      <main ref={main} tabIndex={-1} className={route === 'jobs' ? undefined : 'layout'}>
        {route === 'jobs' ? (
          <ErrorBoundary what="the jobs view">
            <Suspense fallback={<p className="hint page-loading">Loading the jobs view…</p>}>
              <JobsPage />
            </Suspense>
          </ErrorBoundary>
        ) : (
          <TodosPage />
        )}
      </main>
    </>
  );
}

function TodosPage() {
  // The filters live here because the export can reuse them.
  const [filters, setFilters] = useTodoFilters();
  return (
    <>
      <ErrorBoundary what="your todos">
        <TodosSection filters={filters} onFiltersChange={setFilters} />
      </ErrorBoundary>
      <ErrorBoundary what="the calendar export">
        <ExportPanel selection={selectionOf(filters)} />
      </ErrorBoundary>
    </>
  );
}
