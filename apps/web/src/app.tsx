import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { ErrorBoundary } from './components/error-boundary';
import { NavLink } from './components/nav-link';
import { SignInPage } from './features/account/components/sign-in-page';
import { SignOutButton } from './features/account/components/sign-out-button';
import { ExportPanel } from './features/calendar-export/components/export-panel';
import { TodosSection } from './features/todos/components/todos-section';
import { selectionOf } from './features/todos/todo-filters';
import { useTodoFilters } from './features/todos/use-todo-filters';
import { ROUTE_PATHS, routeOf, usePathname, type Route } from './lib/navigation';
import { useSession, useSessionStore } from './lib/session';
import { isLocalOwner, type SessionState } from './lib/session-state';

// The subscribe, jobs and account views are code of their own, loaded on first use, so the todos page loads as fast as before.
const loadFeedsPage = () => import('./features/feeds/components/feeds-page');
const FeedsPage = lazy(loadFeedsPage);
const loadJobsPage = () => import('./features/jobs/components/jobs-page');
const JobsPage = lazy(loadJobsPage);
const loadAccountPage = () => import('./features/account/components/account-page');
const AccountPage = lazy(loadAccountPage);

/** While the API cannot say who is calling, ask again this often. */
const RECHECK_MS = 10_000;

type Screen = Route | 'sign-in' | 'checking';

const TITLES: Record<Screen, string> = {
  todos: 'TaskOverflow',
  subscribe: 'Subscribe · TaskOverflow',
  jobs: 'Jobs · TaskOverflow',
  account: 'Account · TaskOverflow',
  'sign-in': 'Sign in · TaskOverflow',
  checking: 'TaskOverflow',
};

function screenOf(session: SessionState, route: Route): Screen {
  if (session.status === 'checking') return 'checking';
  return session.status === 'signed-out' ? 'sign-in' : route;
}

/** Asks the API who is calling at the start, and again while it cannot say. */
function useSessionCheck(session: SessionState) {
  const store = useSessionStore();
  useEffect(() => {
    if (session.status === 'checking') void store.check();
    if (session.status !== 'unverified') return;
    const timer = setInterval(() => void store.check(), RECHECK_MS);
    return () => clearInterval(timer);
  }, [session.status, store]);
}

export function App() {
  const route = routeOf(usePathname());
  const session = useSession();
  useSessionCheck(session);
  const screen = screenOf(session, route);
  // AUTH_MODE=local (its one owner), or an API that cannot say: no account controls, as before accounts.
  const accounts = session.status === 'signed-in' && !isLocalOwner(session.user);
  // The local owner has an account page too: the calendar time zone setting is there.
  const signedIn = session.status === 'signed-in';
  const main = useRef<HTMLElement>(null);
  const shownScreen = useRef(screen);
  useEffect(() => {
    document.title = TITLES[screen];
    // After a change of page, start keyboard and screen reader users at its content, not at the
    // top (the sign-in screen puts the keyboard in its first field itself).
    if (
      shownScreen.current !== screen &&
      screen !== 'sign-in' &&
      shownScreen.current !== 'checking'
    )
      main.current?.focus();
    shownScreen.current = screen;
  }, [screen]);

  return (
    <>
      <header className="app-header">
        <div className="app-header-inner">
          <h1>
            <img src="/favicon.svg" alt="" width="28" height="28" />
            TaskOverflow
          </h1>
          {screen !== 'sign-in' && screen !== 'checking' && (
            <div className="app-header-end">
              <nav className="app-nav" aria-label="Pages">
                <NavLink to={ROUTE_PATHS.todos} current={route === 'todos'}>
                  Todos
                </NavLink>
                <NavLink
                  to={ROUTE_PATHS.subscribe}
                  current={route === 'subscribe'}
                  onIntent={() => void loadFeedsPage()}
                >
                  Subscribe
                </NavLink>
                <NavLink
                  to={ROUTE_PATHS.jobs}
                  current={route === 'jobs'}
                  onIntent={() => void loadJobsPage()}
                >
                  Jobs
                </NavLink>
                {signedIn && (
                  <NavLink
                    to={ROUTE_PATHS.account}
                    current={route === 'account'}
                    onIntent={() => void loadAccountPage()}
                  >
                    Account
                  </NavLink>
                )}
              </nav>
              {accounts && (
                <div className="app-user">
                  <span className="app-user-email" title={session.user.email}>
                    <span className="visually-hidden">Signed in as </span>
                    {session.user.email}
                  </span>
                  <SignOutButton />
                </div>
              )}
            </div>
          )}
        </div>
      </header>
      <main ref={main} tabIndex={-1} className={screen === 'todos' ? 'layout' : undefined}>
        <ScreenContent screen={screen} session={session} />
      </main>
    </>
  );
}

function ScreenContent({ screen, session }: { screen: Screen; session: SessionState }) {
  switch (screen) {
    case 'checking':
      return (
        <p className="hint page-loading" aria-busy="true">
          Loading…
        </p>
      );
    case 'sign-in':
      return session.status === 'signed-out' ? (
        <div className="auth-page">
          <SignInPage reason={session.reason} email={session.email} />
        </div>
      ) : null;
    case 'subscribe':
      return (
        <LazyScreen what="your calendar feeds">
          <FeedsPage />
        </LazyScreen>
      );
    case 'jobs':
      return (
        <LazyScreen what="the jobs view">
          <JobsPage />
        </LazyScreen>
      );
    case 'account':
      return (
        <LazyScreen what="your account">
          <AccountPage />
        </LazyScreen>
      );
    case 'todos':
      return <TodosPage />;
  }
}

/** A view loaded on first use: "Loading …" meanwhile, and a crash in it kept to it. */
function LazyScreen({ what, children }: { what: string; children: ReactNode }) {
  return (
    <ErrorBoundary what={what}>
      <Suspense fallback={<p className="hint page-loading">Loading {what}…</p>}>
        {children}
      </Suspense>
    </ErrorBoundary>
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
