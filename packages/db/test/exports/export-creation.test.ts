import { describe, expect, it } from 'vitest';
import {
  LOCAL_OWNER_ID,
  createCalendarExport,
  exportSummary,
  isUniqueViolation,
} from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

const db = useTestPrisma();
const DAY_MS = 86_400_000;

describe('creating an export', () => {
  it('returns exactly the row it stored, and the row names the job it queued', async () => {
    const created = await createCalendarExport(
      db.pool,
      {
        ownerId: LOCAL_OWNER_ID,
        selection: { completed: false, window: 7 },
        maxAttempts: 4,
        idempotencyKey: 'key-1',
      },
      DAY_MS,
    );
    const stored = await db.prisma.calendarExport.findUniqueOrThrow({
      where: { id: created.id },
      omit: exportSummary,
    });
    expect(created).toEqual(stored);
    const { jobId } = await db.prisma.calendarExport.findUniqueOrThrow({
      where: { id: created.id },
    });
    const [job] = await db.prisma.$queryRaw<{ id: bigint; key: string; max_attempts: number }[]>`
      SELECT id, key, max_attempts FROM graphile_worker.jobs WHERE key = ${created.id}`;
    expect(job).toEqual({ id: jobId, key: created.id, max_attempts: 4 });
  });

  it('stores neither the export nor a job when the idempotency key is taken', async () => {
    await createCalendarExport(
      db.pool,
      { ownerId: LOCAL_OWNER_ID, selection: {}, maxAttempts: 3, idempotencyKey: 'key-2' },
      DAY_MS,
    );
    const jobsBefore = await db.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
    await expect(
      createCalendarExport(
        db.pool,
        { ownerId: LOCAL_OWNER_ID, selection: {}, maxAttempts: 3, idempotencyKey: 'key-2' },
        DAY_MS,
      ),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await db.prisma.calendarExport.count({ where: { idempotencyKey: 'key-2' } })).toBe(1);
    expect(await db.prisma.$queryRaw`SELECT count(*)::int AS n FROM graphile_worker.jobs`).toEqual(
      jobsBefore,
    );
  });

  it('takes the same idempotency key from two owners: a key is its owner’s', async () => {
    const [other] = await db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO users (email) VALUES ('other@example.com') RETURNING id::text`;
    const mine = await createCalendarExport(
      db.pool,
      { ownerId: LOCAL_OWNER_ID, selection: {}, maxAttempts: 3, idempotencyKey: 'shared key' },
      DAY_MS,
    );
    const theirs = await createCalendarExport(
      db.pool,
      { ownerId: other!.id, selection: {}, maxAttempts: 3, idempotencyKey: 'shared key' },
      DAY_MS,
    );
    expect([mine.ownerId, theirs.ownerId]).toEqual([LOCAL_OWNER_ID, other!.id]);
    expect(theirs.id).not.toBe(mine.id);
  });
});
