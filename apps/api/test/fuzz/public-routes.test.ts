import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createRequestValidatorCompiler } from '../../src/plugins/validation.js';
import { ACCOUNTS_ENV } from '../helpers/accounts.js';
import { emptyDatabase, useTestApp } from '../helpers/test-app.js';
import { hostileMutations, judgedRequest } from './hostile-requests.js';
import { operationsOf, type OpenApiDocument } from './openapi-operations.js';
import { sendRaw } from './raw-request.js';

// What AUTH_MODE=accounts lets anyone reach: the same hostile walk as hostile-input.test.ts
// (which runs in local mode, where these answer 404), on the operations that need no credential.
const ctx = useTestApp(ACCOUNTS_ENV);

const RUNS_PER_OPERATION = 100;
/** Well formed, and no feed's: the fetch of a feed is public, and here there is none. */
const UNKNOWN_SECRET = 'A'.repeat(43);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** The accounts, sessions, setup code and invites, each row in full: a rejected request must leave them equal. */
async function snapshotAccounts(): Promise<unknown> {
  const [row] = await ctx.app.prisma.$queryRawUnsafe<{ state: unknown }[]>(`
    SELECT json_build_object(
      'users', (SELECT coalesce(json_agg(u ORDER BY u.id), '[]') FROM users u),
      'sessions', (SELECT coalesce(json_agg(s ORDER BY s.id), '[]') FROM sessions s),
      'setup_code', (SELECT coalesce(json_agg(c), '[]') FROM instance_setup_codes c),
      'invites', (SELECT coalesce(json_agg(i ORDER BY i.id), '[]') FROM invites i)
    ) AS state`);
  return row?.state;
}

it(
  'answers hostile input on every public route of accounts mode without a 5xx, and every 4xx is JSON and changed nothing',
  { timeout: 120_000 },
  async () => {
    interface Documented {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }
    const document = ctx.app.swagger() as unknown as OpenApiDocument & Documented;
    const operations = operationsOf(document, createRequestValidatorCompiler()).filter(
      (operation) =>
        document.paths[operation.path]![operation.method.toLowerCase()]!.security?.length === 0,
    );
    expect(operations.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([
      'GET /api/v1/auth/providers',
      'GET /api/v1/auth/setup',
      'GET /api/v1/feeds/{secret}.ics',
      'GET /api/v1/health',
      'GET /api/v1/health/ready',
      'POST /api/v1/auth/sign-in',
      'POST /api/v1/auth/sign-out',
      'POST /api/v1/auth/sign-up',
    ]);
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(hostileMutations(operation), async (mutation) => {
          await emptyDatabase(ctx.app);
          const before = await snapshotAccounts();
          const { request, allowed } = judgedRequest(operation, mutation, {
            secret: UNKNOWN_SECRET,
          });
          const response = await sendRaw(ctx.app.server, request);
          const exchange = `${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body ?? ''}\n→ ${response.status} ${response.text.slice(0, 500)}`;
          expect(response.status, exchange).toBeLessThan(500);
          if (allowed === false) expect(response.status, exchange).toBeGreaterThanOrEqual(400);
          if (response.status >= 400) {
            expect(response.contentType, exchange).toMatch(/^application\/json/);
            expect(response.json, exchange).toMatchObject({ error: expect.any(String) });
            expect(await snapshotAccounts(), exchange).toEqual(before);
          }
        }),
        { numRuns: RUNS_PER_OPERATION, seed },
      );
    }
  },
);
