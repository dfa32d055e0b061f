import { describe, expect, it, vi } from 'vitest';
import type * as RoutePaths from '../src/lib/route-paths.js';
import { ACCOUNTS_ENV } from './helpers/accounts.js';
import { useTestApp } from './helpers/test-app.js';

/**
 * The API under other paths than /api/v1 and /todos/ical, as a change of
 * lib/route-paths.ts would put it: every route and every URL the API returns
 * (Location, task_url, result_url, a feed's URL) follows, and authentication
 * still guards the routes.
 */
const { PREFIX, EXPORTS } = vi.hoisted(() => ({ PREFIX: '/api/v9', EXPORTS: '/todos/calendars' }));
vi.mock('../src/lib/route-paths.js', async (importOriginal) => {
  const paths = await importOriginal<typeof RoutePaths>();
  return {
    ...paths,
    API_PREFIX: PREFIX,
    ROUTE_PREFIXES: { ...paths.ROUTE_PREFIXES, exports: EXPORTS },
  };
});

describe('URLs the API returns, in AUTH_MODE=local', () => {
  const ctx = useTestApp();
  const origin = () => `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;

  it('name a todo under the prefix', async () => {
    const response = await ctx.http.post(`${PREFIX}/todos`).send({ title: 'x' }).expect(201);
    expect(response.headers.location).toBe(`${origin()}${PREFIX}/todos/${response.body.id}`);
    await ctx.http.get('/api/v1/todos').expect(404);
  });

  it('name an export, its status and its result under the prefix', async () => {
    const created = await ctx.http.post(`${PREFIX}${EXPORTS}`).expect(202);
    const statusUrl = `${origin()}${PREFIX}${EXPORTS}/${created.body.task_id}/status`;
    expect(created.body.task_url).toBe(statusUrl);
    expect(created.headers.location).toBe(statusUrl);
    const status = await ctx.http.get(new URL(statusUrl).pathname).expect(200);
    expect(status.body.result_url).toBe(statusUrl.replace(/status$/, 'result'));
    const [listed] = (await ctx.http.get(`${PREFIX}/monitor/exports`).expect(200)).body;
    expect(listed.result_url).toBe(status.body.result_url);
  });

  it('name a feed under the prefix', async () => {
    const feed = await ctx.http.post(`${PREFIX}/feeds`).send({}).expect(201);
    expect(feed.body.url).toMatch(
      new RegExp(`^${origin()}${PREFIX}/feeds/[A-Za-z0-9_-]{43}\\.ics$`),
    );
  });

  it('serve the metrics under the prefix', async () => {
    await ctx.http.get(`${PREFIX}/metrics`).expect(200);
  });
});

describe('routes under the prefix, in AUTH_MODE=accounts', () => {
  const ctx = useTestApp(ACCOUNTS_ENV);

  it('need a credential, but for the public ones', async () => {
    await ctx.http.get(`${PREFIX}/todos`).expect(401);
    await ctx.http.get(`${PREFIX}/health`).expect(200);
  });
});
