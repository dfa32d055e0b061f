import { describe, expect, it } from 'vitest';
import { lintMessages } from './helpers/lint.js';

/**
 * The lint rules that keep every export status write in the export store and
 * every queue call in the queue module (habit 11), tried on code that breaks
 * them: each must be refused outside its owner, and allowed inside. `npm run
 * lint` applies them to the sources.
 */
const OUTSIDE = 'packages/db/src/feeds/feeds-repository.ts';
const QUEUE = 'packages/db/src/queue/job-queue.ts';
const EXPORT_STORE = 'packages/db/src/exports/export-store.ts';

const queueCalls = {
  'raw SQL on the queue': `
    import type { PrismaClient } from '@taskoverflow/db';
    export const unlock = (db: PrismaClient) =>
      db.$executeRaw\`SELECT graphile_worker.force_unlock_workers(\${['pool']}::text[])\`;`,
  'a job added through graphile-worker': `
    import type { Runner } from 'graphile-worker';
    export const enqueue = (runner: Runner) => runner.addJob('generate-calendar', {});`,
  "a feed trigger's queue function": `
    import type { PrismaClient } from '@taskoverflow/db';
    export const render = (db: PrismaClient, id: string) =>
      db.$executeRaw\`SELECT queue_feed_render(\${id}::uuid, INTERVAL '0')\`;`,
};

const statusWrites = {
  'a status written with Prisma': `
    import type { PrismaClient } from '@taskoverflow/db';
    export const cancel = (db: PrismaClient, id: string) =>
      db.calendarExport.updateMany({ where: { id }, data: { status: 'FAILURE' } });`,
  'a status written in SQL': `
    import type { PrismaClient } from '@taskoverflow/db';
    export const cancel = (db: PrismaClient, id: string) =>
      db.$executeRaw\`UPDATE calendar_exports SET status = 'FAILURE' WHERE id = \${id}::uuid\`;`,
};

describe('the queue module boundary (lint)', { timeout: 60_000 }, () => {
  it.each(Object.entries(queueCalls))('refuses %s outside the queue module', async (_, code) => {
    for (const file of [OUTSIDE, EXPORT_STORE]) {
      expect(await lintMessages(code, file)).toEqual([
        expect.stringContaining('Only the queue module'),
      ]);
    }
  });

  it.each(Object.entries(queueCalls))('allows %s inside the queue module', async (_, code) => {
    expect(await lintMessages(code, QUEUE)).toEqual([]);
  });
});

describe('the export store boundary (lint)', { timeout: 60_000 }, () => {
  it.each(Object.entries(statusWrites))('refuses %s outside the store', async (_, code) => {
    for (const file of [OUTSIDE, QUEUE]) {
      expect(await lintMessages(code, file)).toEqual([
        expect.stringContaining('Only the export store'),
      ]);
    }
  });

  it.each(Object.entries(statusWrites))('allows %s inside the store', async (_, code) => {
    expect(await lintMessages(code, EXPORT_STORE)).toEqual([]);
  });
});
