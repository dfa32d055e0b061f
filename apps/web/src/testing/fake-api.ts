// The HTTP boundary for component tests: `fetch` answers from an in-memory
// todo store that follows the API contract, so the code under test (client,
// hooks, cache patching, components) runs for real. Tests replace single
// routes to script refusals, failures and export states.
import { vi } from 'vitest';
import type { ExportStatus } from '../features/calendar-export/types';
import type { MonitorExport } from '../features/jobs/types';
import type { Todo } from '../features/todos/types';
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

export function exportStatus(fields: Partial<ExportStatus> = {}): ExportStatus {
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

const notFound = (id: string): FakeResponse => ({
  status: 404,
  body: { error: 'Not Found', message: `Todo ${id} not found` },
});

/** Installs the fake as `fetch`; returns the store, the requests seen, and `on` to replace a route. */
export function fakeApi(initial: Todo[] = []) {
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
      const { status = 200, body, headers = {} } = await found.handler(request);
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    }),
  );

  return {
    todos,
    requests,
    /** Replaces the handler of a route such as `PUT /todos/:id`. */
    on(route: string, handler: Handler) {
      routes.set(route, handler);
    },
  };
}
