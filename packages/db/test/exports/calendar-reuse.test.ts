import { describe, expect, it } from 'vitest';
import {
  LOCAL_OWNER_ID,
  createExportStore,
  type CalendarExportSummary,
  type ExportStore,
  type TodoSelection,
} from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * An export whose selection's todos have not changed since an earlier export
 * made its calendar is SUCCESS at once with that calendar, and queues no job;
 * any change to the todos, made before or while the earlier calendar was being
 * made, means a new generation.
 */
const db = useTestPrisma();
const store = (): ExportStore => createExportStore(db.pool, { exportTtlMs: 86_400_000 });
const calendar = (sha: string) => ({
  content: new Uint8Array([1, 2, 3]),
  contentEncoding: 'gzip' as const,
  sizeBytes: 42,
  contentSha256: sha.padEnd(64, '0'),
  todoCount: 2,
  eventCount: 1,
});

async function jobOf(exportId: string): Promise<string | null> {
  const { jobId } = await db.prisma.calendarExport.findUniqueOrThrow({ where: { id: exportId } });
  return jobId === null ? null : String(jobId);
}

/** What a worker does with the export's job: start an attempt, then `during`, then succeed. */
async function generate(created: CalendarExportSummary, sha: string, during = async () => {}) {
  const attempt = await store().startAttempt({
    exportId: created.id,
    jobId: (await jobOf(created.id))!,
    instanceTimeZone: null,
  });
  await during();
  expect(await attempt!.succeed(calendar(sha))).toBe(true);
}

const exportOf = (selection: TodoSelection) =>
  store().create({ ownerId: LOCAL_OWNER_ID, selection, maxAttempts: 3 });
const editTodos = async () => {
  await db.prisma.todo.create({ data: { title: 'a change' } });
};

describe('reusing a calendar', () => {
  it('gives a new export the calendar of the same todos at once, with no job', async () => {
    await editTodos();
    await generate(await exportOf({}), 'a');
    const reused = await exportOf({});
    expect(reused).toMatchObject({
      status: 'SUCCESS',
      progress: 1,
      attempts: 0,
      contentSha256: 'a'.padEnd(64, '0'),
    });
    expect(reused.finishedAt).not.toBeNull();
    expect(reused.expiresAt).not.toBeNull();
    expect(await jobOf(reused.id)).toBeNull();
    const stored = await db.prisma.calendarExport.findUniqueOrThrow({ where: { id: reused.id } });
    expect(stored).toMatchObject({ ...calendar('a'), content: new Uint8Array([1, 2, 3]) });
    expect(
      await db.prisma
        .$queryRaw`SELECT count(*)::int AS jobs FROM graphile_worker.jobs WHERE key = ${reused.id}`,
    ).toEqual([{ jobs: 0 }]);
  });

  it('generates again after any change to the todos, and only a change counts', async () => {
    await generate(await exportOf({ completed: false }), 'b');
    await db.prisma.todo.updateMany({ data: { completed: false } });
    expect(await exportOf({ completed: false })).toMatchObject({
      status: 'SUCCESS',
      contentSha256: 'b'.padEnd(64, '0'),
    });
    await db.prisma.todo.updateMany({ data: { title: 'edited' } });
    const next = await exportOf({ completed: false });
    expect(next.status).toBe('PENDING');
    expect(await jobOf(next.id)).not.toBeNull();
  });

  it('never reuses a calendar that a change made while it was being made could be missing', async () => {
    await generate(await exportOf({ completed: true }), 'c', editTodos);
    expect((await exportOf({ completed: true })).status).toBe('PENDING');
  });

  it('generates again after the owner’s time zone changes, and only a change counts', async () => {
    const setZone = (timeZone: string | null) =>
      db.prisma.user.update({ where: { id: LOCAL_OWNER_ID }, data: { timeZone } });
    await editTodos();
    await generate(await exportOf({}), 'f');
    await setZone('Europe/Berlin');
    const next = await exportOf({});
    expect(next.status).toBe('PENDING');
    await generate(next, 'g');
    await setZone('Europe/Berlin');
    expect(await exportOf({})).toMatchObject({
      status: 'SUCCESS',
      contentSha256: 'g'.padEnd(64, '0'),
    });
    for (const zone of ['floating', null]) {
      await setZone(zone);
      expect((await exportOf({})).status).toBe('PENDING');
    }
  });

  it('never reuses a calendar that a change of zone made while it was being made could be missing', async () => {
    await editTodos();
    const during = async () => {
      await db.prisma.user.update({
        where: { id: LOCAL_OWNER_ID },
        data: { timeZone: 'Asia/Tokyo' },
      });
    };
    await generate(await exportOf({ completed: false }), 'h', during);
    expect((await exportOf({ completed: false })).status).toBe('PENDING');
  });

  it('is each owner’s own: another owner’s changes never make it generate again', async () => {
    await editTodos();
    await generate(await exportOf({}), 'i');
    const other = await db.prisma.user.create({ data: { email: 'other@example.com' } });
    await db.prisma.todo.create({ data: { ownerId: other.id, title: 'theirs' } });
    await db.prisma.todo.updateMany({ where: { ownerId: other.id }, data: { completed: true } });
    await db.prisma.user.update({ where: { id: other.id }, data: { timeZone: 'Asia/Tokyo' } });
    await db.prisma.todo.deleteMany({ where: { ownerId: other.id } });
    expect(await exportOf({})).toMatchObject({
      status: 'SUCCESS',
      contentSha256: 'i'.padEnd(64, '0'),
    });
  });

  it('reuses only for the same selection, and never for a deadline window', async () => {
    await editTodos();
    await generate(await exportOf({ completed: true }), 'd');
    expect((await exportOf({ completed: false })).status).toBe('PENDING');
    expect((await exportOf({})).status).toBe('PENDING');
    await generate(await exportOf({ window: 7 }), 'e');
    expect((await exportOf({ window: 7 })).status).toBe('PENDING');
    expect((await exportOf({ completed: true })).status).toBe('SUCCESS');
  });
});
