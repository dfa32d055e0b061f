import { GENERATE_CALENDAR_IDENTIFIER } from '@taskoverflow/db/store';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWorkerProcess, type WorkerProcess } from './helpers/worker-process.js';
import {
  calendarText,
  findExport,
  gate,
  queueExport,
  seedManyTodos,
  TEST_ENV,
  useWorkerTestContext,
  waitFor,
  waitForJobGone,
  waitForStatus,
  wrappedBuilder,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();
// Small batches: an export of a few seconds, with a progress write every batch.
const TODOS = 20_000;
const SLOW_EXPORT_ENV = { ...TEST_ENV, LOG_LEVEL: 'info', EXPORT_BATCH_SIZE: '100' };
const LOST = 'the export is no longer this attempt’s (cancelled, or taken over): stopping';

let stale: WorkerProcess | undefined;
afterEach(() => {
  if (stale && stale.child.exitCode === null && stale.child.signalCode === null) {
    stale.child.kill('SIGCONT');
    stale.child.kill('SIGKILL');
  }
  stale = undefined;
});

/** Every generation job in the queue, with what a reader of the queue would see. */
const generationJobs = () =>
  ctx.prisma.$queryRaw<
    { id: bigint; key: string | null; locked_by: string | null; last_error: string | null }[]
  >`SELECT id, key, locked_by, last_error FROM graphile_worker.jobs
     WHERE task_identifier = ${GENERATE_CALENDAR_IDENTIFIER} ORDER BY id`;

describe('fenced writes', { timeout: 90_000 }, () => {
  it('a worker reaped while alive (SIGSTOP past the stale limit) changes nothing once it wakes', async () => {
    stale = spawnWorkerProcess({
      ...SLOW_EXPORT_ENV,
      DATABASE_URL: ctx.database.url,
      WORKER_CONCURRENCY: '1',
    });
    const stalePool = await stale.ready;
    await seedManyTodos(ctx.prisma, TODOS);
    const created = await queueExport(ctx.pool, { selection: {}, maxAttempts: 3 });
    await waitFor(async () => (await findExport(ctx.prisma, created.id)).progress > 0, {
      what: 'the export to be under way',
    });
    const [staleJob] = await generationJobs();
    expect(staleJob).toMatchObject({ key: created.id, locked_by: stalePool });

    stale.child.kill('SIGSTOP');
    // The rescuer holds its first batch until the stale worker has woken, given
    // up and stopped, so that the stale attempt's writes and its job's
    // completion all come while the rescuer's attempt runs.
    const hold = gate();
    const rescuer = await ctx.startWorker(
      {},
      {
        createCalendarBuilder: wrappedBuilder(async (batch, real, call) => {
          if (call === 1) await hold.opened;
          real.add(batch);
        }),
      },
    );
    await waitFor(
      async () => {
        const found = await findExport(ctx.prisma, created.id);
        return found.status === 'STARTED' && found.attempts === 2;
      },
      { timeoutMs: 20_000, what: 'the rescuer to take the export over' },
    );
    const [rescuerJob] = await generationJobs();
    expect(rescuerJob).toMatchObject({ key: created.id, locked_by: rescuer.poolId });
    expect(rescuerJob!.id).not.toBe(staleJob!.id);

    stale.child.kill('SIGCONT');
    await waitFor(() => stale!.logs.some((line) => line.msg === LOST), {
      what: 'the stale attempt to find it lost the export',
    });
    // A clean stop waits for graphile-worker's completion of the stale job.
    stale.child.kill('SIGTERM');
    expect(await stale.exited).toEqual({ code: 0, signal: null });

    // The rescuer's job is untouched, and so is the export (no progress of the stale attempt).
    expect(await generationJobs()).toEqual([rescuerJob]);
    expect(await findExport(ctx.prisma, created.id)).toMatchObject({
      status: 'STARTED',
      attempts: 2,
      progress: 0,
    });

    hold.open();
    const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS', 30_000);
    const ready = ctx.logs.filter((line) => line.msg === 'export ready');
    expect(ready).toHaveLength(1);
    expect(done).toMatchObject({
      attempts: 2,
      todoCount: TODOS,
      contentSha256: ready[0]!.contentSha256,
    });
    expect(createHash('sha256').update(calendarText(done)).digest('hex')).toBe(done.contentSha256);
    expect(stale.logs.map((line) => line.msg)).not.toContain('export ready');
    // Nothing left in the queue: no job failing, none with an error from the stale worker.
    await waitForJobGone(ctx.prisma, created.id);
    expect(await generationJobs()).toEqual([]);
  });
});
