import { EXPORT_STATUSES, type ExportStatus } from '@taskoverflow/contracts';
import { describe, expect, it } from 'vitest';
import { moveExport } from '../../src/exports/move-export.js';
import { EXPORT_TRANSITIONS, IllegalExportTransition } from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

const db = useTestPrisma();

const JOB = 41n;

/** An export in `status`, owned by job {@link JOB} on its second attempt, written directly. */
async function exportIn(status: ExportStatus) {
  const { id } = await db.prisma.calendarExport.create({
    data: { status, maxAttempts: 3, attempts: 2, jobId: JOB },
    select: { id: true },
  });
  return id;
}

const statusOf = async (id: string) =>
  (await db.prisma.calendarExport.findUniqueOrThrow({ where: { id } })).status;

const pairs = EXPORT_STATUSES.flatMap((from) => EXPORT_STATUSES.map((to) => ({ from, to })));
const allowed = pairs.filter(({ from, to }) => EXPORT_TRANSITIONS[from].includes(to));
const refused = pairs.filter(({ from, to }) => !EXPORT_TRANSITIONS[from].includes(to));

describe('the export transition table, on a real database', () => {
  it('runs over the statuses the database knows, and no other', async () => {
    const { rows } = await db.pool.query<{ status: string }>(
      'SELECT unnest(enum_range(NULL::export_status))::text AS status',
    );
    expect(rows.map(({ status }) => status)).toEqual(EXPORT_STATUSES);
  });

  it('has edges to walk both ways', () => {
    expect(allowed.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
  });

  it.each(allowed)('moves an export $from → $to', async ({ from, to }) => {
    const id = await exportIn(from);
    const moved = await moveExport(db.pool, { id, to, data: { lastError: 'moved' } });
    expect(moved).toMatchObject({ id, status: to, lastError: 'moved' });
    expect(await statusOf(id)).toBe(to);
  });

  it.each(refused)('refuses $from → $to, and changes nothing', async ({ from, to }) => {
    const id = await exportIn(from);
    const move = moveExport(db.pool, { id, to, data: { lastError: 'moved' } });
    await expect(move).rejects.toThrow(IllegalExportTransition);
    await expect(move).rejects.toMatchObject({ exportId: id, from, to });
    expect(await db.prisma.calendarExport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: from,
      lastError: null,
    });
  });
});

describe('fenced moves', () => {
  it('write only for the job and the attempt that own the export', async () => {
    const id = await exportIn('STARTED');
    const progress = (fence: { jobId: string; attempt?: number }) =>
      moveExport(db.pool, { id, to: 'STARTED', fence, data: { progress: 0.5 } });

    expect(await progress({ jobId: String(JOB + 1n) })).toBeNull();
    expect(await progress({ jobId: String(JOB), attempt: 1 })).toBeNull();
    expect((await db.prisma.calendarExport.findUniqueOrThrow({ where: { id } })).progress).toBe(0);

    expect(await progress({ jobId: String(JOB), attempt: 2 })).toMatchObject({ progress: 0.5 });
  });

  it('say "not yours" (null) rather than "illegal" to an attempt that lost the export', async () => {
    const id = await exportIn('SUCCESS');
    const succeedAgain = moveExport(db.pool, {
      id,
      to: 'SUCCESS',
      fence: { jobId: String(JOB + 1n) },
    });
    expect(await succeedAgain).toBeNull();
  });

  it('find nothing to move for an export that does not exist', async () => {
    const missing = '8d9e7c52-2f7b-4d35-9a7e-2b9c1c0f5a11';
    expect(await moveExport(db.pool, { id: missing, to: 'STARTED' })).toBeNull();
  });
});
