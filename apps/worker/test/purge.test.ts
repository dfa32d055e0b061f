import { LOCAL_OWNER_ID, TOMBSTONE_RETENTION_DAYS } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import { useWorkerTestContext, waitFor } from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();
const HOUR_MS = 3_600_000;

describe('purge-expired-exports', () => {
  it('deletes the expired exports at start-up, in batches, and only those; and is on the cron schedule', async () => {
    const past = new Date(Date.now() - HOUR_MS);
    const future = new Date(Date.now() + HOUR_MS);
    // Finished exports as the generation task leaves them (their lifetimes set here, for the test's sake).
    await ctx.prisma.calendarExport.createMany({
      data: Array.from({ length: 250 }, (_, index) => ({
        maxAttempts: 3,
        status: index % 2 === 0 ? 'SUCCESS' : 'FAILURE',
        finishedAt: past,
        expiresAt: past,
        content: index % 2 === 0 ? Buffer.from('BEGIN:VCALENDAR') : null,
      })),
    });
    const fresh = await ctx.prisma.calendarExport.create({
      data: { maxAttempts: 3, status: 'SUCCESS', finishedAt: past, expiresAt: future },
    });
    const pending = await ctx.prisma.calendarExport.create({ data: { maxAttempts: 3 } });

    await ctx.startWorker();
    await waitFor(async () => (await ctx.prisma.calendarExport.count()) === 2, {
      what: 'the expired exports to go',
    });
    const kept = await ctx.prisma.calendarExport.findMany({
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(kept.map(({ id }) => id).sort()).toEqual([fresh.id, pending.id].sort());
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({ purged: 250, msg: 'purged expired exports' }),
    );

    const [cron] = await ctx.prisma.$queryRaw<{ identifier: string }[]>`
      SELECT identifier FROM graphile_worker._private_known_crontabs WHERE identifier = 'purge-expired-exports'`;
    expect(cron).toBeDefined();
  });

  it('deletes the deleted todos’ tombstones past their retention, and only those', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * HOUR_MS);
    await ctx.prisma.todoTombstone.createMany({
      data: [TOMBSTONE_RETENTION_DAYS + 1, TOMBSTONE_RETENTION_DAYS + 30, 1].map((days, n) => ({
        ownerId: LOCAL_OWNER_ID,
        revision: BigInt(n + 1),
        todoId: n + 1,
        deletedAt: daysAgo(days),
      })),
    });
    const kept = await ctx.prisma.todoTombstone.create({
      data: {
        ownerId: LOCAL_OWNER_ID,
        revision: 9n,
        todoId: 9,
        deletedAt: daysAgo(TOMBSTONE_RETENTION_DAYS - 1),
      },
    });

    await ctx.startWorker();
    await waitFor(async () => (await ctx.prisma.todoTombstone.count()) === 2, {
      what: 'the old tombstones to go',
    });
    const left = await ctx.prisma.todoTombstone.findMany({ orderBy: { todoId: 'asc' } });
    expect(left.map(({ todoId }) => todoId)).toEqual([3, kept.todoId]);
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({ tombstones: 2, msg: 'purged old todo tombstones' }),
    );
  });
});

describe('purge-expired-sessions', () => {
  it('deletes the sessions past their absolute or idle expiry, and only those; and is on the cron schedule', async () => {
    const user = await ctx.prisma.user.create({ data: { email: 'sessions@example.com' } });
    const ago = (ms: number) => new Date(Date.now() - ms);
    const session = (id: string, lastSeenAt: Date, expiresAt: Date) => ({
      id: id.repeat(64),
      userId: user.id,
      lastSeenAt,
      expiresAt,
    });
    await ctx.prisma.session.createMany({
      data: [
        session('a', ago(0), ago(1_000)), // past its absolute expiry, though used just now
        session('b', ago(3 * HOUR_MS), ago(-HOUR_MS)), // idle past SESSION_IDLE_TIMEOUT_HOURS=2
        session('c', ago(HOUR_MS), ago(-HOUR_MS)), // live
      ],
    });

    await ctx.startWorker({ SESSION_IDLE_TIMEOUT_HOURS: '2' });
    await ctx.prisma.$executeRaw`SELECT graphile_worker.add_job('purge-expired-sessions')`;
    await waitFor(async () => (await ctx.prisma.session.count()) === 1, {
      what: 'the ended sessions to go',
    });
    expect(await ctx.prisma.session.findMany({ select: { id: true } })).toEqual([
      { id: 'c'.repeat(64) },
    ]);
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({ purged: 2, msg: 'purged expired sessions' }),
    );
    const crontabs = await ctx.prisma.$queryRaw<{ identifier: string }[]>`
      SELECT identifier FROM graphile_worker._private_known_crontabs WHERE identifier = 'purge-expired-sessions'`;
    expect(crontabs).toHaveLength(1);
  });
});
