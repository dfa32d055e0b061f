import { describe, expect, it } from 'vitest';
import { lintMessages } from './helpers/lint.js';

/**
 * The lint rules that keep the database out of the apps (habit 15): no Prisma
 * or pg import, no SQL, no query on a Prisma client, anywhere in an app's `src`.
 * Each kind of breach is fed to them and must be reported, in the API and in
 * the worker; holding a client to hand to a repository is allowed, and so are
 * tests, which arrange rows directly.
 */
const APP_FILES = ['apps/api/src/routes/todos/todos-routes.ts', 'apps/worker/src/task-list.ts'];
const RULES = ['no-restricted-syntax', '@typescript-eslint/no-restricted-imports'];
const DATA_LAYER_ONLY = 'Apps do not reach the database';

const breaches = {
  'a Prisma import': `
    import { PrismaClient } from '@prisma/client';
    export const client = (url: string) => new PrismaClient({ datasourceUrl: url });`,
  'a pg import': `
    import pg from 'pg';
    export const pool = (url: string) => new pg.Pool({ connectionString: url });`,
  "a query client from @taskoverflow/db's generated Prisma types": `
    import { Prisma } from '@taskoverflow/db';
    export const query = Prisma.sql;`,
  'an SQL template': `
    import type { Database } from '@taskoverflow/db/store';
    export const titles = (db: Database, owner: string) =>
      db.query(\`SELECT title FROM todos WHERE owner_id = '\${owner}'\`);`,
  'an SQL string': `
    import type { Database } from '@taskoverflow/db/store';
    export const purge = (db: Database) => db.query('DELETE FROM todos WHERE completed');`,
  'a Prisma delegate call': `
    import type { PrismaClient } from '@taskoverflow/db';
    export const todos = (prisma: PrismaClient) => prisma.todo.findMany();`,
  "a delegate call on the app's client": `
    import type { FastifyInstance } from 'fastify';
    export const user = (app: FastifyInstance) => app.prisma.user.create({ data: { email: 'a@b.c' } });`,
  'a raw query on a transaction': `
    import type { Prisma } from '@taskoverflow/db';
    export const run = (tx: Prisma.TransactionClient, text: string) => tx.$executeRawUnsafe(text);`,
};

const allowed = `
  import { createTodosRepository, type PrismaClient } from '@taskoverflow/db';
  export const repository = (prisma: PrismaClient) => createTodosRepository(prisma);
  export const close = (prisma: PrismaClient) => prisma.$disconnect();
  export const shown = 'Select a todo';`;

describe('the data layer boundary (lint)', { timeout: 120_000 }, () => {
  it.each(Object.entries(breaches))('refuses %s in an app', async (_, code) => {
    for (const file of APP_FILES) {
      const messages = await lintMessages(code, file, RULES);
      expect(messages, file).not.toEqual([]);
      expect(messages, file).toEqual(messages.map(() => expect.stringContaining(DATA_LAYER_ONLY)));
    }
  });

  it('allows an app to hand its client to a repository, and to close it', async () => {
    for (const file of APP_FILES) expect(await lintMessages(allowed, file, RULES)).toEqual([]);
  });

  it.each(Object.entries(breaches))("allows %s in an app's tests", async (_, code) => {
    expect(await lintMessages(code, 'apps/api/test/routes/todos.test.ts', RULES)).toEqual([]);
  });

  it.each(Object.entries(breaches))('allows %s in packages/db', async (_, code) => {
    const messages = await lintMessages(code, 'packages/db/src/todos/todos-repository.ts', RULES);
    expect(messages).toEqual([]);
  });
});
