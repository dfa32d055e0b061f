import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import { createTestDatabase, type TestDatabase } from '@taskoverflow/db/testing';
import type { FastifyInstance, RouteOptions } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type ApiConfig } from '../../src/config.js';

export interface TestApp {
  app: FastifyInstance;
  http: ReturnType<typeof supertest>;
  database: TestDatabase;
  config: ApiConfig;
  /** Every route the app declared, as `METHOD url` (HEAD routes Fastify adds included). */
  routes: string[];
  /** The options of every route, as the app's hooks left them (its config, say), by `METHOD url`. */
  routeOptions: Map<string, RouteOptions>;
}

/**
 * The real API on a real HTTP server over a database of this file's own.
 * Every table and the job queue are emptied before each test; the returned object is filled in `beforeAll`.
 */
export function useTestApp(env: Record<string, string> = {}): TestApp {
  const context = { routes: [], routeOptions: new Map() } as unknown as TestApp;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: context.database.url,
      // Status requests answer at once unless a test is about their wait.
      STATUS_WAIT_MS: '0',
      ...env,
    });
    context.app = await buildApp(context.config, {
      onRoute: (route) => {
        for (const one of ([] as string[]).concat(route.method)) {
          context.routes.push(`${one} ${route.url}`);
          context.routeOptions.set(`${one} ${route.url}`, route);
        }
      },
    });
    await context.app.listen({ host: '127.0.0.1', port: 0 });
    context.http = supertest(context.app.server);
  });
  beforeEach(() => emptyDatabase(context.app));
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}

/**
 * Empties every table and the job queue but the local owner, whose settings go back to
 * their defaults; ids start again at 1.
 * Users are deleted, not truncated, so that their sessions' and tokens' ends are announced.
 */
export async function emptyDatabase(app: FastifyInstance): Promise<void> {
  await app.prisma.$executeRawUnsafe(
    `TRUNCATE todos, calendar_exports, calendar_feeds, worker_heartbeats, sign_in_attempts RESTART IDENTITY;
     DELETE FROM users WHERE id <> '${LOCAL_OWNER_ID}';
     UPDATE users SET time_zone = NULL;
     DELETE FROM graphile_worker._private_jobs`,
  );
}

/** Every stored todo, in full: before and after a rejected request they must be equal. */
export async function snapshotTodos(app: FastifyInstance) {
  // Plain objects: an inferred Prisma type would tie the helper to Prisma's generated module.
  const todos = await app.prisma.todo.findMany({ orderBy: { id: 'asc' } });
  return todos.map((todo) => ({ ...todo }));
}
