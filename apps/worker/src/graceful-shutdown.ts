import type { Runner, WorkerPool } from 'graphile-worker';
import type { Logger } from 'pino';
import { failAbandonedExports } from './abandoned-exports.js';
import { INTERRUPTED_BY_SHUTDOWN } from './calendar-generation.js';
import { exportIdOf } from './calendar-payload.js';
import type { ExportsRepository } from './exports-repository.js';

export interface GracefulShutdownOptions {
  runner: Runner;
  pool: WorkerPool;
  graceMs: number;
  exports: ExportsRepository;
  exportTtlMs: number;
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
 * `graceMs`. Tasks still running then are forced off: graphile-worker
 * releases their jobs for another worker, and their exports are marked to
 * say so (RETRY, or FAILURE when that was their last attempt) rather than
 * left STARTED with nothing running them.
 */
export async function stopGracefully({
  runner,
  pool,
  graceMs,
  exports,
  exportTtlMs,
  logger,
}: GracefulShutdownOptions): Promise<void> {
  async function forceRelease(): Promise<void> {
    logger.warn('shutdown grace period over: releasing the jobs still running for another worker');
    const { forceFailedJobs } = await pool.forcefulShutdown(FORCED_RELEASE);
    for (const job of forceFailedJobs) {
      const exportId = exportIdOf(job.payload);
      if (exportId !== undefined && job.attempts < job.max_attempts)
        await exports.retry(exportId, INTERRUPTED_BY_SHUTDOWN);
    }
    await failAbandonedExports(exports, exportTtlMs, logger);
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
