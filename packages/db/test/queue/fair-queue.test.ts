import { describe, expect, it } from 'vitest';
import { createExportStore } from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * One user's burst must not starve another's export: a new export's job waits
 * behind its owner's other waiting exports only (graphile-worker runs lower
 * priorities first, then older jobs).
 */
const db = useTestPrisma();

async function newUser(email: string): Promise<string> {
  const [user] = await db.prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO users (email) VALUES (${email}) RETURNING id::text`;
  return user!.id;
}

describe('the queue, between users', () => {
  it("puts one user's first waiting export ahead of another user's backlog", async () => {
    const store = createExportStore(db.pool, { exportTtlMs: 86_400_000 });
    const [a, b] = [await newUser('a@example.com'), await newUser('b@example.com')];
    // Windows are never served from an earlier calendar: every one of these is queued.
    const exportOf = (ownerId: string, window: number) =>
      store.create({ ownerId, selection: { window }, maxAttempts: 3 });
    const burst = [];
    for (let window = 1; window <= 5; window++) burst.push(await exportOf(a, window));
    const single = await exportOf(b, 1);

    const jobs = await db.prisma.$queryRaw<{ key: string; priority: number }[]>`
      SELECT key, priority FROM graphile_worker.jobs ORDER BY priority, run_at, id`;
    expect(jobs.map((job) => job.priority)).toEqual([0, 0, 1, 2, 3, 4]);
    // In the order graphile-worker takes them: A's first, then B's, then the rest of A's.
    expect(jobs.map((job) => job.key)).toEqual([
      burst[0]!.id,
      single.id,
      ...burst.slice(1).map((e) => e.id),
    ]);
  });

  it("runs one user's exports in the order they were asked for, however many finished meanwhile", async () => {
    const store = createExportStore(db.pool, { exportTtlMs: 86_400_000 });
    const a = await newUser('fifo@example.com');
    const queued = [];
    for (let window = 1; window <= 4; window++)
      queued.push(await store.create({ ownerId: a, selection: { window }, maxAttempts: 3 }));
    // The first two finish: two of A's wait, at priorities 2 and 3.
    for (const done of queued.slice(0, 2)) {
      await db.prisma.calendarExport.update({
        where: { id: done.id },
        data: { status: 'SUCCESS' },
      });
      await db.prisma.$executeRaw`SELECT graphile_worker.remove_job(${done.id})`;
    }
    const later = await store.create({ ownerId: a, selection: { window: 9 }, maxAttempts: 3 });

    const mine = [...queued, later].map((e) => e.id);
    const jobs = await db.prisma.$queryRaw<{ key: string; priority: number }[]>`
      SELECT key, priority FROM graphile_worker.jobs WHERE key = ANY(${mine}::text[])
       ORDER BY priority, run_at, id`;
    // Counted alone, the later one would be 2 and run before the one waiting at 3.
    expect(jobs.map((job) => job.key)).toEqual([queued[2]!.id, queued[3]!.id, later.id]);
    expect(jobs.map((job) => job.priority)).toEqual([2, 3, 3]);
  });
});
