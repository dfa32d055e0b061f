import { describe, expect, it } from 'vitest';
import {
  queueExport,
  seedTodos,
  useWorkerTestContext,
  waitFor,
} from './helpers/worker-test-kit.js';

/**
 * The fair queue, on a real worker: one owner's backlog delays another owner's
 * next job by at most one job per worker slot. Owner A queues 300 exports
 * (distinct windows, so none reuses another's calendar); once A's backlog is
 * running, B queues one; at most `concurrency` of A's exports may start
 * between B's being queued and B's starting (the slots that were busy take
 * B's next, as each frees). With the priorities of one queue for all, B would
 * wait behind the whole backlog.
 */
const ctx = useWorkerTestContext();
const BACKLOG = 300;
const CONCURRENCY = 2;

describe('the fair queue', { timeout: 120_000 }, () => {
  it(`lets another owner’s job start after at most ${CONCURRENCY} of a ${BACKLOG}-job backlog`, async () => {
    const ownerA = (await ctx.prisma.user.create({ data: { email: 'a@example.com' } })).id;
    const ownerB = (await ctx.prisma.user.create({ data: { email: 'b@example.com' } })).id;
    await seedTodos(
      ctx.prisma,
      Array.from({ length: 50 }, (_, n) => ({
        ownerId: ownerA,
        deadlineAt: new Date(Date.now() + n * 86_400_000),
      })),
    );
    const backlog = [];
    for (let n = 1; n <= BACKLOG; n++)
      backlog.push(
        await queueExport(ctx.pool, { ownerId: ownerA, selection: { window: n }, maxAttempts: 1 }),
      );
    const aIds = backlog.map(({ id }) => id);
    const startedOfA = () =>
      ctx.prisma.calendarExport.count({ where: { id: { in: aIds }, startedAt: { not: null } } });

    await ctx.startWorker({ WORKER_CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: 'info' });
    await waitFor(async () => (await startedOfA()) >= 20, { what: 'A’s backlog to be under way' });
    const mine = await queueExport(ctx.pool, { ownerId: ownerB, selection: {}, maxAttempts: 1 });
    const b = await waitFor(
      async () => {
        const found = await ctx.prisma.calendarExport.findUniqueOrThrow({ where: { id: mine.id } });
        return found.startedAt && found;
      },
      { timeoutMs: 60_000, what: 'B’s export to start' },
    );
    const startedMeanwhile = await ctx.prisma.calendarExport.count({
      where: { id: { in: aIds }, startedAt: { gt: b.createdAt, lt: b.startedAt! } },
    });
    // A's backlog was still long when B's job started: B did not just wait for its end.
    expect(BACKLOG - (await startedOfA())).toBeGreaterThan(BACKLOG / 2);
    expect(startedMeanwhile).toBeLessThanOrEqual(CONCURRENCY);
  });
});
