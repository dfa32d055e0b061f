import type { ExportStore } from '@taskoverflow/db/store';
import type { Job, Runner, WorkerPool } from 'graphile-worker';
import type { Logger } from 'pino';
import { failAbandonedExports } from './abandoned-exports.js';
import { INTERRUPTED_BY_SHUTDOWN } from './calendar-generation.js';
import { exportIdOf } from './calendar-payload.js';

export interface GracefulShutdownOptions {
  runner: Runner;
  pool: WorkerPool;
  /** The jobs still running (see trackRunningJobs). */
  runningJobs: () => Job[];
  graceMs: number;
  store: ExportStore;
  logger: Logger;
}

/** What graphile-worker records on a job it had to take back from this worker. */
const FORCED_RELEASE = 'the worker shut down before the job finished';
// How long before the end of the grace period tasks are asked to stop, so that
// those that listen can record why themselves before the rest are forced off.
const MAX_ABORT_LEAD_MS = 1_000;

/** When, after a shutdown starts, running tasks are asked to give up (graphile-worker's abort signal). */
export function abortAfterMs(graceMs: number): number {
  return graceMs - Math.min(MAX_ABORT_LEAD_MS, Math.floor(graceMs / 2));
}

/**
 * Stops the runner: no new jobs, and those in flight may finish within
 * `graceMs`. Tasks still running then are forced off: the store first gives
 * their exports new jobs for another worker (RETRY) rather than leave them
 * STARTED with nothing running them, then graphile-worker fails the old jobs.
 * In that order, because a failed job out of attempts looks abandoned: any
 * worker's check for abandoned exports would fail an export still on it.
 * A shutdown never uses up an attempt, so deploys never fail an export.
 */
export async function stopGracefully({
  runner,
  pool,
  runningJobs,
  graceMs,
  store,
  logger,
}: GracefulShutdownOptions): Promise<void> {
  async function forceRelease(): Promise<void> {
    logger.warn('shutdown grace period over: releasing the jobs still running for another worker');
    for (const job of runningJobs()) {
      const exportId = exportIdOf(job);
      // The task may go on running, unseen: its job is replaced, not reused.
      if (exportId !== undefined)
        await store.releaseForcedJob(exportId, job.id, INTERRUPTED_BY_SHUTDOWN);
    }
    await pool.forcefulShutdown(FORCED_RELEASE);
    await failAbandonedExports(store, logger);
  }

  let forced: Promise<void> = Promise.resolve();
  const timer = setTimeout(() => {
    // A failed forced release is logged, not thrown: other workers' reapers still recover those jobs.
    forced = forceRelease().catch((error: unknown) =>
      logger.error({ err: error }, 'could not release the jobs still running'),
    );
  }, graceMs);
  // runner.stop() logs its own errors; it rejects only when the runner had already stopped by itself.
  await runner.stop().catch(() => undefined);
  clearTimeout(timer);
  await forced;
}
