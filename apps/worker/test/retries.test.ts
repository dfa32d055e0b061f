import { LOCAL_OWNER_ID, createCalendarExport } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import {
  findJob,
  seedTodos,
  useWorkerTestContext,
  waitFor,
  waitForJobGone,
  waitForStatus,
  wrappedBuilder,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();

describe('failed attempts', () => {
  it('retries with backoff: RETRY with the error, then SUCCESS', async () => {
    await seedTodos(ctx.prisma, [
      { title: 'Dentist', deadlineAt: new Date('2026-03-01T14:00:00Z') },
    ]);
    const created = await createCalendarExport(ctx.prisma, {
      ownerId: LOCAL_OWNER_ID,
      selection: {},
      maxAttempts: 3,
    });
    let failures = 0;
    await ctx.startWorker(
      {},
      {
        createCalendarBuilder: wrappedBuilder((batch, real) => {
          if (failures++ === 0) throw new Error('calendar store briefly unavailable');
          real.add(batch);
        }),
      },
    );

    const retrying = await waitForStatus(ctx.prisma, created.id, 'RETRY');
    expect(retrying).toMatchObject({
      attempts: 1,
      lastError: 'calendar store briefly unavailable',
      finishedAt: null,
    });
    // The export is written first; graphile-worker unlocks the job just after.
    const job = await waitFor(
      async () => {
        const found = await findJob(ctx.prisma, created.id);
        return found?.locked_by === null && found;
      },
      { what: 'the job to be released' },
    );
    expect(job).toMatchObject({
      attempts: 1,
      max_attempts: 3,
      locked_by: null,
      last_error: 'calendar store briefly unavailable',
    });
    // graphile-worker's backoff: the next attempt is not due at once.
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now());

    const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS');
    expect(done).toMatchObject({ attempts: 2, eventCount: 1, lastError: null });
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        exportId: created.id,
        msg: 'export attempt failed; it will be retried',
      }),
    );
  });

  it('gives up after the last attempt: FAILURE with the error, and no job left in the queue', async () => {
    await seedTodos(ctx.prisma, [
      { title: 'Dentist', deadlineAt: new Date('2026-03-01T14:00:00Z') },
    ]);
    const created = await createCalendarExport(ctx.prisma, {
      ownerId: LOCAL_OWNER_ID,
      selection: {},
      maxAttempts: 2,
    });
    await ctx.startWorker(
      { EXPORT_TTL_HOURS: '2' },
      {
        createCalendarBuilder: wrappedBuilder(() => {
          throw new Error('todo 1: deadline\nout of range');
        }),
      },
    );

    await waitForStatus(ctx.prisma, created.id, 'RETRY');
    const failed = await waitForStatus(ctx.prisma, created.id, 'FAILURE');
    // One line for people, however many lines the error had.
    expect(failed).toMatchObject({
      attempts: 2,
      lastError: 'todo 1: deadline out of range',
      content: null,
    });
    expect(failed.expiresAt!.getTime() - failed.finishedAt!.getTime()).toBe(2 * 3_600_000);
    // The task returned without throwing, so graphile-worker deletes the job.
    await waitForJobGone(ctx.prisma, created.id);
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        level: 50,
        exportId: created.id,
        msg: 'export failed on its last attempt',
      }),
    );
  });
});
