import { hostname } from 'node:os';
import { LOCAL_OWNER_ID, createCalendarExport } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import {
  findExport,
  findJob,
  never,
  seedManyTodos,
  seedTodos,
  useWorkerTestContext,
  waitFor,
  waitForJobGone,
  waitForStatus,
  wrappedBuilder,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();
const hangs = wrappedBuilder(never);
// A pool that never beats again after its first heartbeat, and whose one job slot hangs:
// a frozen process, as far as others can tell (a live idle slot would take the unlocked job back).
const SILENT = {
  WORKER_HEARTBEAT_INTERVAL_MS: '3600000',
  WORKER_STALE_AFTER_MS: '7200000',
  WORKER_CONCURRENCY: '1',
};

async function exportWithOneTodo(maxAttempts: number) {
  await seedTodos(ctx.prisma, [{ title: 'Dentist', deadlineAt: new Date('2026-03-01T14:00:00Z') }]);
  return createCalendarExport(ctx.prisma, { ownerId: LOCAL_OWNER_ID, selection: {}, maxAttempts });
}

const INTERRUPTED = 'the worker shut down before the export was finished';

/**
 * After a shutdown cut an attempt short: the export says RETRY without having
 * used the attempt, and a new job waits, unlocked, with all its attempts left.
 */
async function expectReleasedForRetry(exportId: string, maxAttempts: number) {
  expect(await findExport(ctx.prisma, exportId)).toMatchObject({
    status: 'RETRY',
    lastError: INTERRUPTED,
    attempts: 0,
  });
  expect(await findJob(ctx.prisma, exportId)).toMatchObject({
    locked_by: null,
    attempts: 0,
    max_attempts: maxAttempts,
    last_error: null,
  });
}

const heartbeatOf = (poolId: string) =>
  ctx.prisma.workerHeartbeat.findUnique({ where: { poolId } });

describe('heartbeats and the reaper', () => {
  it('keeps a heartbeat row while the worker runs, and removes it on stop', async () => {
    const worker = await ctx.startWorker({ WORKER_CONCURRENCY: '3' });
    const first = await heartbeatOf(worker.poolId);
    expect(first).toMatchObject({ hostname: hostname(), pid: process.pid, concurrency: 3 });
    await waitFor(async () => (await heartbeatOf(worker.poolId))!.lastSeenAt > first!.lastSeenAt, {
      what: 'a later heartbeat',
    });

    await worker.stop();
    expect(await heartbeatOf(worker.poolId)).toBeNull();
  });

  it('unlocks the job of a pool that went silent, so that another worker finishes the export', async () => {
    const created = await exportWithOneTodo(3);
    const silent = await ctx.startWorker(
      { ...SILENT, WORKER_SHUTDOWN_GRACE_MS: '200' },
      { createCalendarBuilder: hangs },
    );
    await waitForStatus(ctx.prisma, created.id, 'STARTED');
    expect(await findJob(ctx.prisma, created.id)).toMatchObject({ locked_by: silent.poolId });

    const rescuer = await ctx.startWorker();
    const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS', 20_000);
    expect(done).toMatchObject({ attempts: 2, eventCount: 1 });
    expect(await heartbeatOf(silent.poolId)).toBeNull();
    expect(await heartbeatOf(rescuer.poolId)).not.toBeNull();
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        pools: [silent.poolId],
        msg: 'unlocked the jobs of silent worker pools',
      }),
    );
  });

  it('fails the export when the silent pool held it on its last attempt, instead of leaving it STARTED', async () => {
    const created = await exportWithOneTodo(1);
    await ctx.startWorker(
      { ...SILENT, WORKER_SHUTDOWN_GRACE_MS: '200' },
      { createCalendarBuilder: hangs },
    );
    await waitForStatus(ctx.prisma, created.id, 'STARTED');

    await ctx.startWorker();
    const failed = await waitForStatus(ctx.prisma, created.id, 'FAILURE');
    expect(failed).toMatchObject({
      attempts: 1,
      lastError: 'the worker stopped during the attempt',
    });
    expect(failed.expiresAt).toBeInstanceOf(Date);
    expect(await findJob(ctx.prisma, created.id)).toBeUndefined();
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        level: 50,
        exportId: created.id,
        msg: 'export failed: its worker stopped during the last attempt',
      }),
    );
  });
});

describe('the shutdown grace period', () => {
  it('releases a job still running when it ends, marks the export RETRY, and another worker finishes it', async () => {
    const created = await exportWithOneTodo(2);
    const stopping = await ctx.startWorker(
      { WORKER_SHUTDOWN_GRACE_MS: '300' },
      { createCalendarBuilder: hangs },
    );
    await waitForStatus(ctx.prisma, created.id, 'STARTED');

    const stopStartedAt = Date.now();
    await stopping.stop();
    expect(Date.now() - stopStartedAt).toBeLessThan(3_000);
    await expectReleasedForRetry(created.id, 2);
    expect(await heartbeatOf(stopping.poolId)).toBeNull();

    await ctx.startWorker();
    expect(await waitForStatus(ctx.prisma, created.id, 'SUCCESS')).toMatchObject({ attempts: 1 });
  });

  it('never uses up an attempt: an export on its only attempt survives three deploys and then succeeds', async () => {
    const created = await exportWithOneTodo(1);
    for (let deploy = 1; deploy <= 3; deploy++) {
      const stopping = await ctx.startWorker(
        { WORKER_SHUTDOWN_GRACE_MS: '300' },
        { createCalendarBuilder: hangs },
      );
      await waitForStatus(ctx.prisma, created.id, 'STARTED');
      await stopping.stop();
      await expectReleasedForRetry(created.id, 1);
    }

    await ctx.startWorker();
    expect(await waitForStatus(ctx.prisma, created.id, 'SUCCESS')).toMatchObject({
      attempts: 1,
      eventCount: 1,
    });
    await waitForJobGone(ctx.prisma, created.id);
  });

  it('asks a long export to stop between batches first: it records RETRY itself and its job is released', async () => {
    await seedManyTodos(ctx.prisma, 100);
    const created = await createCalendarExport(ctx.prisma, {
      ownerId: LOCAL_OWNER_ID,
      selection: {},
      maxAttempts: 2,
    });
    const slow = wrappedBuilder(async (batch, real) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      real.add(batch);
    });
    const stopping = await ctx.startWorker(
      { WORKER_SHUTDOWN_GRACE_MS: '1000', EXPORT_BATCH_SIZE: '1' },
      { createCalendarBuilder: slow },
    );
    await waitForStatus(ctx.prisma, created.id, 'STARTED');
    await stopping.stop();

    // Released by the task itself, not by force.
    await expectReleasedForRetry(created.id, 2);
    const messages = ctx.logs.map((line) => line.msg);
    expect(messages).toContain('export released for another worker (this one is shutting down)');
    expect(messages).not.toContain(
      'shutdown grace period over: releasing the jobs still running for another worker',
    );
  });
});
