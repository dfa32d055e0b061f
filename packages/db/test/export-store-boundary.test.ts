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

/** Each breach in `breaches` is refused everywhere but in `owner`, with `message`. */
function describeBoundary(
  name: string,
  {
    owner,
    message,
    breaches,
  }: { owner: string; message: string; breaches: Record<string, string> },
) {
  describe(`${name} (lint)`, { timeout: 60_000 }, () => {
    const elsewhere = [OUTSIDE, QUEUE, EXPORT_STORE].filter((file) => file !== owner);
    it.each(Object.entries(breaches))(`refuses %s outside ${owner}`, async (_, code) => {
      for (const file of elsewhere) {
        expect(await lintMessages(code, file)).toEqual([expect.stringContaining(message)]);
      }
    });

    it.each(Object.entries(breaches))(`allows %s inside ${owner}`, async (_, code) => {
      expect(await lintMessages(code, owner)).toEqual([]);
    });
  });
}

describeBoundary('the queue module boundary', {
  owner: QUEUE,
  message: 'Only the queue module',
  breaches: queueCalls,
});
describeBoundary('the export store boundary', {
  owner: EXPORT_STORE,
  message: 'Only the export store',
  breaches: statusWrites,
});
