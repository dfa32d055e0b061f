// The HTTP boundary for component tests: `fetch` answers from an in-memory
// todo store that follows the API contract, so the code under test (client,
// hooks, cache patching, components) runs for real. Tests replace single
// routes to script refusals, failures and export states.
import { vi } from 'vitest';
import type { ExportStatusResponse } from '../features/calendar-export/types';
import type { MonitorExport } from '../features/jobs/types';
import type { Todo } from '../features/todos/types';
import type { User } from '../lib/session-state';
import { monitorSummary } from './monitor-fixtures';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  params: Record<string, string>;
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export function todo(fields: Partial<Todo> & Pick<Todo, 'id' | 'title'>): Todo {
  return {
    description: '',
    completed: false,
    deadline_at: null,
    created_at: '2026-01-01T10:00:00.000Z',
    updated_at: '2026-01-01T10:00:00.000Z',
    ...fields,
  };
}

export function exportStatus(fields: Partial<ExportStatusResponse> = {}): ExportStatusResponse {
  return {
    task_id: 'task-1',
    task_status: 'PENDING',
    result_url: 'http://localhost/api/v1/todos/ical/task-1/result',
    created_at: '2026-03-01T10:00:00Z',
    started_at: null,
    finished_at: null,
    expires_at: null,
    attempts: 0,
    max_attempts: 5,
    todo_count: null,
    event_count: null,
    size_bytes: null,
    progress: 0,
    selection: {},
    ...fields,
  };
}

/** An export as the monitor lists it: the status plus its job's next run and worker. */
export function monitorExport(fields: Partial<MonitorExport> = {}): MonitorExport {
  return { ...exportStatus(), next_attempt_at: null, worker: null, ...fields };
}

export function user(fields: Partial<User> = {}): User {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'ada@example.com',
    role: 'member',
    created_at: '2026-01-01T09:00:00.000Z',
    time_zone: null,
    calendar_time_zone: null,
    ...fields,
  };
}

/** AUTH_MODE=local's one owner, as `GET /auth/me` names it. */
export const LOCAL_OWNER = user({
  id: '00000000-0000-4000-8000-000000000000',
  email: 'owner@localhost',
  role: 'owner',
});

/** The fake's accounts: `local` answers everything as its owner; `accounts` needs `user` signed in. */
export interface FakeAccounts {
  mode: 'local' | 'accounts';
  /** Who is signed in (accounts mode); null answers 401 to all but the public routes. */
  user: User | null;
  /** The one password the fake's sign-in takes. */
  password: string;
  /** What `GET /auth/setup` answers: claimed, open sign-up unless a test says otherwise. */
  setup: { claimed: boolean; sign_up: 'open' | 'invite' | 'closed' };
  /** The OpenID Connect button's text, when the fake server has a provider. */
  oidcLabel: string | null;
}

const PUBLIC_PATHS = [
  '/auth/sign-in',
  '/auth/sign-up',
  '/auth/sign-out',
  '/auth/setup',
  '/auth/providers',
];

/** One id per email, as the API keeps one account per email. */
const accountIds = new Map<string, string>([['ada@example.com', user().id]]);
function accountFor(email: string): User {
  if (!accountIds.has(email))
    accountIds.set(
      email,
      `00000000-0000-4000-8000-${String(accountIds.size + 1).padStart(12, '0')}`,
    );
  return user({ email, id: accountIds.get(email) });
}

const unauthorized: FakeResponse = {
  status: 401,
  body: {
    error: 'Unauthorized',
    message: 'This session has ended, or this API token is not valid (revoked?); sign in again',
  },
};

const notFound = (id: string): FakeResponse => ({
  status: 404,
  body: { error: 'Not Found', message: `Todo ${id} not found` },
});

/** Installs the fake as `fetch`; returns the store, the requests seen, and `on` to replace a route. */
export function fakeApi(initial: Todo[] = [], accountsMode: Partial<FakeAccounts> = {}) {
  const accounts: FakeAccounts = {
    mode: 'local',
    user: null,
    password: 'correct horse battery staple',
    setup: { claimed: true, sign_up: 'open' },
    oidcLabel: null,
    ...accountsMode,
  };
  const todos = [...initial];
  let nextId = Math.max(0, ...todos.map((item) => item.id)) + 1;
  const requests: FakeRequest[] = [];

  const routes = new Map<string, Handler>([
    [
      'GET /todos',
      ({ query }) => {
        const completed = query.get('completed');
        const matching = todos.filter(
          (item) => completed === null || String(item.completed) === completed,
        );
        const offset = Number(query.get('offset') ?? 0);
        const limit = Number(query.get('limit') ?? 100);
        return {
          body: matching.slice(offset, offset + limit),
          headers: { 'X-Total-Count': String(matching.length) },
        };
      },
    ],
    [
      'POST /todos',
      ({ body }) => {
        const created = todo({
          ...(body as Partial<Todo>),
          id: nextId++,
          title: (body as Todo).title,
        });
        todos.push(created);
        return { status: 201, body: created };
      },
    ],
    [
      'PUT /todos/:id',
      ({ params, body }) => {
        const index = todos.findIndex((item) => item.id === Number(params.id));
        if (index === -1) return notFound(params.id!);
        todos[index] = { ...todos[index]!, ...(body as Partial<Todo>) };
        return { body: todos[index] };
      },
    ],
    [
      'DELETE /todos/:id',
      ({ params }) => {
        const index = todos.findIndex((item) => item.id === Number(params.id));
        if (index !== -1) todos.splice(index, 1);
        return { body: {} };
      },
    ],
    ['GET /todos/ical', () => ({ body: [] })],
    [
      'GET /auth/me',
      () =>
        accounts.mode === 'local'
          ? { body: { user: LOCAL_OWNER } }
          : accounts.user
            ? { body: { user: accounts.user } }
            : unauthorized,
    ],
    [
      'GET /auth/providers',
      () => ({
        body: {
          oidc: accounts.oidcLabel && { label: accounts.oidcLabel, url: '/api/v1/auth/oidc' },
        },
      }),
    ],
    [
      'POST /auth/sign-in',
      ({ body }) => {
        const { email, password } = body as { email: string; password: string };
        if (password !== accounts.password)
          return {
            status: 401,
            body: {
              error: 'Invalid email or password',
              message: 'Check the email and the password, or sign up',
            },
          };
        accounts.user = accountFor(email);
        return { body: { user: accounts.user } };
      },
    ],
    [
      'POST /auth/sign-up',
      ({ body }) => {
        const { email } = body as { email: string };
        accounts.user = accountFor(email);
        return { status: 201, body: { user: accounts.user } };
      },
    ],
    ['GET /auth/setup', () => ({ body: accounts.setup })],
    [
      'POST /auth/sign-out',
      () => {
        accounts.user = null;
        return { status: 204 };
      },
    ],
    // A quiet monitor; monitor-fixtures.ts builds the answers tests script.
    ['GET /monitor/summary', () => ({ body: monitorSummary() })],
    ['GET /monitor/workers', () => ({ body: [] })],
    ['GET /monitor/exports', () => ({ body: [] })],
  ]);

  const match = (method: string, path: string) => {
    for (const [route, handler] of routes) {
      const [routeMethod, routePath] = route.split(' ') as [string, string];
      const names: string[] = [];
      const pattern = routePath.replace(
        /:(\w+)/g,
        (_, name: string) => (names.push(name), '([^/]+)'),
      );
      const found = routeMethod === method && new RegExp(`^${pattern}$`).exec(path);
      if (found)
        return {
          handler,
          params: Object.fromEntries(names.map((name, i) => [name, found[i + 1]!])),
        };
    }
    return null;
  };

  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://localhost');
      const method = init.method ?? 'GET';
      const path = url.pathname.replace(/^\/api\/v1/, '');
      const found = match(method, path);
      const request: FakeRequest = {
        method,
        path,
        query: url.searchParams,
        headers: new Headers(init.headers),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        params: found?.params ?? {},
      };
      requests.push(request);
      if (!found) throw new Error(`fake API: no route for ${method} ${path}`);
      const signedOut =
        accounts.mode === 'accounts' &&
        accounts.user === null &&
        path !== '/auth/me' &&
        !PUBLIC_PATHS.includes(path);
      const {
        status = 200,
        body,
        headers = {},
      } = signedOut ? unauthorized : await found.handler(request);
      return new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    }),
  );

  return {
    todos,
    requests,
    accounts,
    /** Replaces the handler of a route such as `PUT /todos/:id`. */
    on(route: string, handler: Handler) {
      routes.set(route, handler);
    },
  };
}
