import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { createRequestValidatorCompiler } from '../../src/plugins/validation.js';
import { emptyDatabase, useTestApp } from '../helpers/test-app.js';
import { hostileMutations, judgedRequest, type Mutation } from './hostile-requests.js';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi-operations.js';
import { sendRaw } from './raw-request.js';
import { snapshotStoredState } from './stored-state.js';

// Hundreds of requests here start exports: the per-client limit would answer them 429 instead of exercising the route.
const ctx = useTestApp({ EXPORT_RATE_LIMIT_PER_MINUTE: '1000000' });

/** Requests per route: enough to meet every hand-picked value, and the whole walk well under a minute on a busy 2-core machine. */
const RUNS_PER_OPERATION = 200;
/** `FUZZ_SEED=<seed printed by a failure>` replays that run. */
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const RENDERED = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';

/** One todo, one export and one feed, so that every path parameter can name a stored row; the values that name them. */
async function storeRows(): Promise<Record<string, string>> {
  await emptyDatabase(ctx.app);
  const todo = await ctx.http
    .post('/api/v1/todos')
    .send({
      title: 'seeded\nsecond line',
      description: 'with a deadline',
      deadline_at: '2026-03-01T14:00:00',
    })
    .expect(201);
  const exported = await ctx.http.post('/api/v1/todos/ical').send({}).expect(202);
  const feed = await ctx.http.post('/api/v1/feeds').send({}).expect(201);
  // No worker runs here: the feed gets a calendar as a render would leave it, so that its fetch answers 200.
  await ctx.app.prisma.calendarFeed.update({
    where: { id: feed.body.id },
    data: {
      content: gzipSync(RENDERED),
      contentSha256: 'f'.repeat(64),
      sizeBytes: RENDERED.length,
    },
  });
  return {
    id: String(todo.body.id),
    task_id: exported.body.task_id,
    feed_id: feed.body.id,
    secret: /\/feeds\/([^/]+)\.ics$/.exec(feed.body.url)![1]!,
  };
}

const unchanged: Mutation = { mutated: 'nothing', value: undefined, apply: () => {} };

/** `METHOD /pattern`, the same with or without a trailing slash (Fastify answers both). */
const routeKey = (method: string, route: string) => `${method} ${route.replace(/\/$/, '')}`;

/** The routes the server says it answered (the `route` label of its request metrics). */
async function answeredRoutes(): Promise<Set<string>> {
  const { text } = await ctx.http.get('/api/v1/metrics').expect(200);
  return new Set(
    Array.from(
      text.matchAll(/^http_requests_total\{method="(\w+)",route="([^"]+)"/gm),
      ([, method, route]) => routeKey(method!, route!),
    ),
  );
}

it(
  'answers hostile input on every documented route without a 5xx, and every 4xx is JSON and changed nothing',
  { timeout: 180_000 },
  async () => {
    const operations = operationsOf(
      ctx.app.swagger() as unknown as OpenApiDocument,
      createRequestValidatorCompiler(),
    );
    let validPathValues = await storeRows();
    let before = await snapshotStoredState(ctx.app);

    const check = (operation: Operation) => async (mutation: Mutation) => {
      const { request, allowed } = judgedRequest(operation, mutation, validPathValues);
      const response = await sendRaw(ctx.app.server, request);
      const after = await snapshotStoredState(ctx.app);
      try {
        const exchange = `${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body ?? ''}\n→ ${response.status} ${response.text.slice(0, 500)}`;
        expect(response.status, exchange).toBeLessThan(500);
        if (allowed === false)
          expect(response.status, `the document forbids it: ${exchange}`).toBeGreaterThanOrEqual(
            400,
          );
        if (response.status >= 400) {
          expect(response.contentType, exchange).toMatch(/^application\/json/);
          expect(response.json, exchange).toMatchObject({ error: expect.any(String) });
          expect(after, `a rejected request changed stored data: ${exchange}`).toEqual(before);
        }
      } finally {
        // An accepted request may store, change or delete rows: start the next one from fresh rows.
        if (!isDeepStrictEqual(after, before)) {
          validPathValues = await storeRows();
          before = await snapshotStoredState(ctx.app);
        }
      }
    };

    for (const operation of operations) {
      // The oracle must be able to say yes: the request it mutates is one the document allows.
      expect(
        judgedRequest(operation, unchanged, validPathValues).allowed,
        `${operation.method} ${operation.path}`,
      ).toBe(true);
      await check(operation)(unchanged);
      await fc.assert(fc.asyncProperty(hostileMutations(operation), check(operation)), {
        numRuns: RUNS_PER_OPERATION,
        seed,
      });
    }

    expect(operations.length).toBeGreaterThan(0);
    const answered = await answeredRoutes();
    expect(
      operations
        .map(({ method, route }) => routeKey(method, route))
        .filter((route) => !answered.has(route)),
    ).toEqual([]);
  },
);
