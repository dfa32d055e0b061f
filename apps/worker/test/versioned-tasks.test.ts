// A rolling upgrade, on one database: a worker of the build before versions
// (generate-calendar version 1 only) and a worker of this build (versions 1
// and 2) side by side, with jobs queued as the older API queued them and as
// this one does. The older worker is a real graphile-worker runner whose task
// list holds the version 1 handler alone, which reads `{exportId}` strictly as
// builds before versions did (calendar-payload.test.ts pins that schema).
// Only its re-queues differ from the older build's (at version 2 here, at 1
// there), and none happens in the first two tests.
import { randomUUID } from 'node:crypto';
import { floatingWallClock } from '@taskoverflow/contracts';
import { GENERATE_CALENDAR_IDENTIFIER, GENERATE_CALENDAR_TASK } from '@taskoverflow/db/store';
import { describe, expect, it } from 'vitest';
import {
  capturingLogger,
  findJob,
  never,
  queueExport,
  seedTodos,
  useWorkerTestContext,
  waitFor,
  waitForStatus,
  wrappedBuilder,
  type LogRecord,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();
const DAY_MS = 86_400_000;
// A deadline window: such an export is never served from an earlier calendar, so each has a job.
const SELECTION = { window: 30 };
const MAX_ATTEMPTS = 3;

/** A worker of one build, with the lines it logged. */
interface BuildWorker {
  logs: LogRecord[];
  stop(): Promise<void>;
}

async function startBuild(build: 'v1' | 'v2'): Promise<BuildWorker> {
  const logs: LogRecord[] = [];
  const worker = await ctx.startWorker(
    {},
    { logger: capturingLogger(logs), ...(build === 'v1' ? { calendarVersions: [1] } : {}) },
  );
  return { logs, stop: () => worker.stop() };
}

/** Queues an export as the API did before versions: job `generate-calendar`, payload `{exportId}`. */
async function queueAsOlderApi(): Promise<string> {
  const id = randomUUID();
  await ctx.prisma.$executeRaw`
    INSERT INTO calendar_exports (id, window_days, max_attempts, job_id)
    SELECT ${id}::uuid, ${SELECTION.window}::int, ${MAX_ATTEMPTS}::int,
           (graphile_worker.add_job('generate-calendar', ${JSON.stringify({ exportId: id })}::json,
                                    max_attempts := ${MAX_ATTEMPTS}::int, job_key := ${id})).id`;
  return id;
}

/** The request that queued each export of this build's API. */
const requestIds = new Map<string, string>();

/** Queues an export as this build's API does (version 2), named after the request asking. */
async function queueAsThisApi(): Promise<string> {
  const requestId = randomUUID();
  const created = await queueExport(ctx.pool, {
    selection: SELECTION,
    maxAttempts: MAX_ATTEMPTS,
    requestId,
  });
  requestIds.set(created.id, requestId);
  return created.id;
}

const times = <T>(count: number, make: () => Promise<T>) =>
  Promise.all(Array.from({ length: count }, make));

/** The jobs a worker ran to completion, by export: graphile-worker's own record of each. */
function completedBy(worker: BuildWorker): Map<string, string> {
  const completed = worker.logs.filter(
    (line) => line.component === 'graphile-worker' && line.success === true && line.exportId,
  );
  return new Map(completed.map((line) => [line.exportId!, line.taskIdentifier as string]));
}

/** A todo that every export of {@link SELECTION} holds. */
function seedTodoDueTomorrow() {
  const tomorrow = new Date(floatingWallClock(new Date()).getTime() + DAY_MS);
  return seedTodos(ctx.prisma, [{ title: 'Soon', deadlineAt: tomorrow }]);
}

const allSucceed = (ids: string[]) =>
  Promise.all(ids.map((id) => waitForStatus(ctx.prisma, id, 'SUCCESS')));

describe('a rolling upgrade: workers of two builds on one database', { timeout: 60_000 }, () => {
  it('runs version 1 jobs on either build and version 2 jobs only on the newer one, failing none', async () => {
    await seedTodoDueTomorrow();
    await seedTodos(ctx.prisma, [{ title: 'Undated' }]);

    // Before the newer workers start: both APIs queue, only the older build's worker runs.
    const olderFirst = await times(2, queueAsOlderApi);
    const newer = await times(3, queueAsThisApi);
    const v1 = await startBuild('v1');
    await allSucceed(olderFirst);
    // A version 1 job queued after the version 2 ones runs too: the older worker went on
    // taking jobs, past the version 2 ones, which it left exactly as they were queued.
    const olderLater = await queueAsOlderApi();
    await waitForStatus(ctx.prisma, olderLater, 'SUCCESS');
    for (const id of newer) {
      expect(await findJob(ctx.prisma, id)).toMatchObject({
        attempts: 0,
        last_error: null,
        locked_by: null,
      });
      expect(await ctx.prisma.calendarExport.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'PENDING',
        attempts: 0,
        lastError: null,
      });
    }

    // The newer build's worker joins: side by side, with both APIs still queueing.
    const v2 = await startBuild('v2');
    const sideBySide = [...(await times(2, queueAsOlderApi)), ...(await times(2, queueAsThisApi))];
    await allSucceed([...newer, ...sideBySide]);

    // The older worker stops (SIGTERM's path: no new jobs, those in flight finish); an
    // older API still queues, and the newer worker runs those jobs.
    await v1.stop();
    const olderAfter = await times(2, queueAsOlderApi);
    await allSucceed(olderAfter);

    const ranOnV1 = completedBy(v1);
    const ranOnV2 = completedBy(v2);
    const olderJobs = [...olderFirst, olderLater, ...sideBySide.slice(0, 2), ...olderAfter];
    const newerJobs = [...newer, ...sideBySide.slice(2)];
    for (const id of [...olderFirst, olderLater])
      expect(ranOnV1.get(id)).toBe(GENERATE_CALENDAR_TASK);
    for (const id of olderAfter) expect(ranOnV2.get(id)).toBe(GENERATE_CALENDAR_TASK);
    for (const id of olderJobs) expect(ranOnV1.has(id) !== ranOnV2.has(id)).toBe(true);
    for (const id of newerJobs) {
      expect(ranOnV2.get(id)).toBe(GENERATE_CALENDAR_IDENTIFIER);
      expect(ranOnV1.has(id)).toBe(false);
      // What version 2 carries: the worker's lines name the request as the API's do.
      expect(v2.logs).toContainEqual(
        expect.objectContaining({ msg: 'export ready', exportId: id, reqId: requestIds.get(id) }),
      );
    }
    expect([...ranOnV1.values()]).toEqual(Array(ranOnV1.size).fill(GENERATE_CALENDAR_TASK));
    // Each says at start which versions it runs, for whoever watches a deploy.
    const tasksOf = (worker: BuildWorker) =>
      worker.logs.find((line) => line.msg.startsWith('worker ready'))?.tasks;
    expect(tasksOf(v1)).toContain(GENERATE_CALENDAR_TASK);
    expect(tasksOf(v1)).not.toContain(GENERATE_CALENDAR_IDENTIFIER);
    expect(tasksOf(v2)).toEqual(
      expect.arrayContaining([GENERATE_CALENDAR_TASK, GENERATE_CALENDAR_IDENTIFIER]),
    );

    // Each export once, at its first attempt; nothing failed, nothing was refused, no job is left.
    const exports = await ctx.prisma.calendarExport.findMany();
    expect(exports).toHaveLength(olderJobs.length + newerJobs.length);
    for (const stored of exports)
      expect(stored).toMatchObject({ status: 'SUCCESS', attempts: 1, eventCount: 1 });
    const errors = [...v1.logs, ...v2.logs].filter((line) => line.level >= 40);
    expect(errors).toEqual([]);
    await waitFor(
      async () =>
        (
          await ctx.prisma.$queryRaw<unknown[]>`
          SELECT FROM graphile_worker.jobs WHERE key = ANY(${exports.map((e) => e.id)}::text[])`
        ).length === 0,
      { what: 'every generation job to leave the queue' },
    );
  });

  it('leaves version 2 jobs to a newer worker when only older ones run: they wait, they never fail', async () => {
    const newer = await times(2, queueAsThisApi);
    const v1 = await startBuild('v1');
    // Proof that the older worker was taking jobs meanwhile: one of its own, queued after.
    await waitForStatus(ctx.prisma, await queueAsOlderApi(), 'SUCCESS');
    await v1.stop();
    for (const id of newer)
      expect(await findJob(ctx.prisma, id)).toMatchObject({ attempts: 0, last_error: null });

    await startBuild('v2');
    await allSucceed(newer);
  });

  it("re-queues an older job it gives back at shutdown at this build's version, which runs it", async () => {
    await seedTodoDueTomorrow();
    const older = await queueAsOlderApi();
    // A worker of this build takes the version 1 job and cannot finish it within its grace period.
    const stuck = await ctx.startWorker(
      { WORKER_SHUTDOWN_GRACE_MS: '300' },
      { createCalendarBuilder: wrappedBuilder(never) },
    );
    await waitForStatus(ctx.prisma, older, 'STARTED');
    await stuck.stop();

    // Given back without using an attempt, on a new job of this build's version.
    expect(
      await ctx.prisma.calendarExport.findUniqueOrThrow({ where: { id: older } }),
    ).toMatchObject({ status: 'RETRY', attempts: 0 });
    const [requeued] = await ctx.prisma.$queryRaw<{ task_identifier: string }[]>`
      SELECT task_identifier FROM graphile_worker.jobs WHERE key = ${older}`;
    expect(requeued?.task_identifier).toBe(GENERATE_CALENDAR_IDENTIFIER);

    await startBuild('v2');
    expect(await waitForStatus(ctx.prisma, older, 'SUCCESS')).toMatchObject({ attempts: 1 });
  });
});
