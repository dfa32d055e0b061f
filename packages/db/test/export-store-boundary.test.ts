import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps every export status write and every queue call in
 * the export store (habit 11), tried on code that breaks it: it must refuse
 * each outside the store, and allow them inside. `npm run lint` applies it to the sources.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });
// Real files (typed linting needs them to be in a project), linted with other text.
const OUTSIDE = `${root}apps/api/src/routes/monitor/monitor-repository.ts`;
const INSIDE = `${root}packages/db/src/exports/job-queue.ts`;

const violations = {
  'raw SQL on the queue': `
    import type { PrismaClient } from '@taskoverflow/db';
    export const unlock = (db: PrismaClient) =>
      db.$executeRaw\`SELECT graphile_worker.force_unlock_workers(\${['pool']}::text[])\`;`,
  'a status written with Prisma': `
    import type { PrismaClient } from '@taskoverflow/db';
    export const cancel = (db: PrismaClient, id: string) =>
      db.calendarExport.updateMany({ where: { id }, data: { status: 'FAILURE' } });`,
  'a status written in SQL': `
    import type { PrismaClient } from '@taskoverflow/db';
    export const cancel = (db: PrismaClient, id: string) =>
      db.$executeRaw\`UPDATE calendar_exports SET status = 'FAILURE' WHERE id = \${id}::uuid\`;`,
  'a job added through graphile-worker': `
    import type { Runner } from 'graphile-worker';
    export const enqueue = (runner: Runner) => runner.addJob('generate-calendar', {});`,
};

async function boundaryMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-syntax')
    .map((message) => message.message);
}

describe('the export store boundary (lint)', { timeout: 60_000 }, () => {
  it.each(Object.entries(violations))('refuses %s outside the store', async (_, code) => {
    expect(await boundaryMessages(code, OUTSIDE)).toEqual([
      expect.stringContaining('Only the export store'),
    ]);
  });

  it.each(Object.entries(violations))('allows %s inside the store', async (_, code) => {
    expect(await boundaryMessages(code, INSIDE)).toEqual([]);
  });
});
