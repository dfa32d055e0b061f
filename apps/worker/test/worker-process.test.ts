import { LOCAL_OWNER_ID, createCalendarExport } from '@taskoverflow/db';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWorkerProcess, type WorkerProcess } from './helpers/worker-process.js';
import {
  TEST_ENV,
  findExport,
  findJob,
  seedManyTodos,
  useWorkerTestContext,
  waitFor,
  waitForStatus,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();
// Small batches make the export long enough (a few seconds) to be interrupted half-way.
const TODOS = 20_000;
const SLOW_EXPORT_ENV = { ...TEST_ENV, LOG_LEVEL: 'info', EXPORT_BATCH_SIZE: '100' };

let processes: WorkerProcess[] = [];
afterEach(() => {
  for (const { child } of processes)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  processes = [];
});

async function startWorkerProcess(env: Record<string, string> = {}) {
  const worker = spawnWorkerProcess({ ...SLOW_EXPORT_ENV, DATABASE_URL: ctx.database.url, ...env });
  processes.push(worker);
  return { worker, poolId: await worker.ready };
}

/** An export of every todo, taken by the worker process and part-way through. */
async function exportUnderWay() {
  await seedManyTodos(ctx.prisma, TODOS);
  const created = await createCalendarExport(ctx.prisma, {
    ownerId: LOCAL_OWNER_ID,
    selection: {},
    maxAttempts: 3,
  });
  const midway = await waitFor(
    async () => {
      const found = await findExport(ctx.prisma, created.id);
      return found.progress > 0 && found;
    },
    { what: 'the export to be under way' },
  );
  expect(midway.status).toBe('STARTED');
  return created;
}

// A real process starts slowly (tsx compiles on the fly) and an export is redone after the kill.
describe('the worker process', { timeout: 90_000 }, () => {
  it('killed with SIGKILL mid-export: another worker finishes the export', async () => {
    const { worker, poolId } = await startWorkerProcess();
    const created = await exportUnderWay();

    worker.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Its job stays locked by the dead pool until a reaper unlocks it.
    const stillStarted = await findExport(ctx.prisma, created.id);
    expect(stillStarted.status).toBe('STARTED');

    await ctx.startWorker();
    const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS', 60_000);
    const recoveryMs = Date.now() - killedAt;
    console.info(`export finished by another worker ${recoveryMs} ms after SIGKILL`);
    expect(recoveryMs).toBeLessThan(60_000);
    expect(done).toMatchObject({ attempts: 2, todoCount: TODOS, eventCount: TODOS * 0.9 });
    expect(await ctx.prisma.workerHeartbeat.findUnique({ where: { poolId } })).toBeNull();
  });

  it('on SIGTERM mid-export: finishes the export, removes its heartbeat and exits 0', async () => {
    // A grace period long enough for the export, however slow the machine.
    const { worker, poolId } = await startWorkerProcess({ WORKER_SHUTDOWN_GRACE_MS: '60000' });
    const created = await exportUnderWay();

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    const done = await findExport(ctx.prisma, created.id);
    expect(done).toMatchObject({ status: 'SUCCESS', attempts: 1, todoCount: TODOS });
    // Nothing left behind: no job (locked by a pool that is gone), no heartbeat.
    expect(await findJob(ctx.prisma, created.id)).toBeUndefined();
    expect(await ctx.prisma.workerHeartbeat.findUnique({ where: { poolId } })).toBeNull();
    const messages = worker.logs.map((line) => line.msg);
    expect(messages.indexOf('stopping: no new jobs; waiting for the jobs in flight')).toBeLessThan(
      messages.indexOf('export ready'),
    );
    expect(messages.at(-1)).toBe('worker stopped');
  });

  it('stops at once, naming the variable, when a setting is invalid', async () => {
    const worker = spawnWorkerProcess({
      DATABASE_URL: ctx.database.url,
      WORKER_CONCURRENCY: 'many',
    });
    processes.push(worker);
    expect((await worker.exited).code).toBe(1);
    expect(worker.stderr.join('\n')).toMatch(/invalid configuration: .*WORKER_CONCURRENCY/);
  });
});
