import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { createCalendarBuilder } from '@taskoverflow/calendar';
import type { GenerateCalendarVersion } from '@taskoverflow/contracts';
import {
  ASYNCHRONOUS_COMMIT,
  QUEUE_POLL_INTERVAL_MS,
  createDatabasePool,
  createHeartbeatsRepository,
  createExportStore,
  withSessionSettings,
} from '@taskoverflow/db/store';
import { run, type WorkerEvents, type WorkerPool } from 'graphile-worker';
import type { Logger } from 'pino';
import type { CalendarBuilderFactory } from './calendar-generation.js';
import type { WorkerConfig } from './config.js';
import { abortAfterMs, stopGracefully } from './graceful-shutdown.js';
import { startHeartbeat } from './heartbeats.js';
import { createLogger, graphileLogger } from './logger.js';
import { trackRunningJobs } from './running-jobs.js';
import { createTaskList, cronItems } from './task-list.js';

/** What tests (and only they, so far) replace. */
export interface WorkerOverrides {
  /** Makes each export's calendar builder; default `@taskoverflow/calendar`'s. */
  createCalendarBuilder?: CalendarBuilderFactory;
  /** Where logs go; default a pino logger made from the config. */
  logger?: Logger;
  /**
   * The `generate-calendar` versions it runs; default every version this build
   * reads. Tests run an older build's set, to have both builds of a deploy side by side.
   */
  calendarVersions?: readonly GenerateCalendarVersion[];
}

export interface RunningWorker {
  /** graphile-worker's pool id: what this process's jobs are locked by, and the key of its heartbeat. */
  poolId: string;
  /**
   * Takes no new jobs, lets those in flight finish — for at most
   * `shutdownGraceMs`, after which they are released for another worker —
   * then removes the heartbeat and closes the connections. Safe to call twice.
   */
  stop(): Promise<void>;
  /**
   * Settles when the worker has stopped: resolves after `stop()`, rejects
   * when the job runner stopped by itself (the process should exit non-zero).
   */
  done: Promise<void>;
}

const noop = () => undefined;

/**
 * Starts a graphile-worker runner with the export tasks, the purge cron and
 * the heartbeat; returns once the pool is running and on record. Signals are
 * the caller's business (main.ts): call `stop()` on SIGTERM/SIGINT.
 */
export async function startWorker(
  config: WorkerConfig,
  overrides: WorkerOverrides = {},
): Promise<RunningWorker> {
  const logger = overrides.logger ?? createLogger(config);
  const db = createDatabasePool(config.databaseUrl, {
    // One connection per running job, plus the heartbeat and the purge.
    poolSize: config.concurrency + 2,
    // No commit of the worker waits for the disk (graphile-worker's own connections, below,
    // neither): each export and its job were committed durably by the API, and a PostgreSQL
    // crash loses only a suffix of later commits (WAL is replayed in order). Whatever of an
    // attempt is lost, its job's completion, written after it, is lost too, so the job is
    // still in the queue and runs again: at least once, as before, without a WAL flush
    // (about 2 ms on this machine's disk) on each job's lock, completion and status writes:
    //  - the lock (get_job): the job is unlocked again, as if never taken;
    //  - STARTED, progress, heartbeats: only shown, and rewritten by the next attempt;
    //  - SUCCESS, FAILURE: the job's completion came after, so the job runs again;
    //  - RETRY with graphile-worker's record of the failed attempt: the attempt runs again;
    //  - a release or a reaper's reassignment: the old job stays locked by a
    //    pool that stopped beating, and the reaper takes it again.
    // Exports are created by the API, whose commits stay synchronous: its 202 promises them.
    synchronousCommit: false,
  });
  const store = createExportStore(db, { exportTtlMs: config.exportTtlMs });

  const events: WorkerEvents = new EventEmitter();
  const runningJobs = trackRunningJobs(events);
  let workerPool: WorkerPool | undefined;
  // Emitted while run() builds the pool, so it is known once run() returns.
  events.once('pool:create', ({ workerPool: created }) => {
    workerPool = created;
  });
  const taskList = createTaskList(
    {
      config,
      store,
      db,
      createCalendarBuilder: overrides.createCalendarBuilder ?? createCalendarBuilder,
      logger,
    },
    overrides.calendarVersions,
  );
  const runner = await run({
    connectionString: withSessionSettings(config.databaseUrl, ASYNCHRONOUS_COMMIT),
    // graphile-worker holds a connection per running job, plus its LISTEN client and the cron.
    maxPoolSize: Math.max(10, config.concurrency + 3),
    concurrency: config.concurrency,
    // A new job wakes the pool at once (NOTIFY); a job due later — a feed render spaced after
    // the last one, a retry's backoff — is found by polling, at the feeds' render spacing
    // (graphile-worker's 2 s would make a feed's freshness 2 s behind a burst of edits).
    pollInterval: QUEUE_POLL_INTERVAL_MS,
    // main.ts owns the signals: graphile-worker's handlers would exit the process on their own schedule.
    noHandleSignals: true,
    // The abort signal that tasks check between batches.
    gracefulShutdownAbortTimeout: abortAfterMs(config.shutdownGraceMs),
    // Batching (even with no delay) makes graphile-worker wait, when it stops, for the
    // writes that complete or fail the last jobs; unbatched, 0.17 can end its pool
    // before they are done, leaving those jobs locked by a pool that is gone.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    logger: graphileLogger(logger),
    events,
    taskList,
    parsedCronItems: cronItems(),
  }).catch(async (error: unknown) => {
    await db.end();
    throw error;
  });
  const pool = workerPool!;

  const heartbeat = await startHeartbeat({
    identity: {
      poolId: pool.id,
      hostname: hostname(),
      pid: process.pid,
      concurrency: config.concurrency,
    },
    intervalMs: config.heartbeatIntervalMs,
    staleAfterMs: config.staleAfterMs,
    heartbeats: createHeartbeatsRepository(db),
    store,
    logger,
  });
  try {
    // Exports may have expired while no worker ran.
    await store.schedulePurge();
  } catch (error) {
    await runner.stop();
    await heartbeat.stop({ remove: true });
    await db.end();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    logger.info(
      { graceMs: config.shutdownGraceMs },
      'stopping: no new jobs; waiting for the jobs in flight',
    );
    await stopGracefully({
      runner,
      pool,
      runningJobs,
      graceMs: config.shutdownGraceMs,
      store,
      logger,
    });
    // Whatever this pool held is finished or released now, so the row can go.
    await heartbeat.stop({ remove: true });
    await db.end();
    logger.info('worker stopped');
  }
  const stop = () => (stopping ??= shutdown());

  // graphile-worker could not record a job's outcome (say, the database went
  // away): its pool is shutting down and may wait a long time for a database
  // that is not there. Give up at once instead; the process exits, whoever
  // supervises it starts a fresh one, and the heartbeat left behind goes stale
  // so that the jobs this pool holds are unlocked for others.
  const fatalError = new Promise<never>((_, reject) => {
    events.once('pool:fatalError', ({ error }) => {
      if (stopping) return;
      logger.error({ err: error }, 'the job runner hit a fatal error; giving up');
      void heartbeat.stop({ remove: false });
      reject(new Error('the job runner hit a fatal error', { cause: error }));
    });
  });
  fatalError.catch(noop);

  // However the runner ends, not having asked for it is the failure.
  const runnerEnded = runner.promise.then(noop, noop).then(async () => {
    if (stopping) return stopping;
    logger.error('the job runner stopped unexpectedly');
    // The row stays and goes stale, so that another worker unlocks whatever this pool still holds.
    await heartbeat.stop({ remove: false });
    await db.end();
    throw new Error('the job runner stopped unexpectedly');
  });
  const done = Promise.race([runnerEnded, fatalError]);

  logger.info(
    // The task identifiers say which versions it runs: what a deploy's operator checks.
    { poolId: pool.id, concurrency: config.concurrency, tasks: Object.keys(taskList) },
    `worker ready (pool ${pool.id}, concurrency ${config.concurrency})`,
  );
  return { poolId: pool.id, stop, done };
}
