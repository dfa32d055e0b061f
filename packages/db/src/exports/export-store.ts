import { randomUUID } from 'node:crypto';
import type { ExportStatus, MonitorSummary } from '@taskoverflow/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { TodoSelection } from '../todo-selection.js';
import { startAttempt, type AttemptStart, type ExportAttempt } from './export-attempt.js';
import { endOfExport } from './export-lifetime.js';
import {
  exportCountsByStatus,
  finishedExportWindows,
  finishedPerMinute,
} from './export-statistics.js';
import type { CalendarExportSummary } from './export-summary.js';
import {
  addGenerationJob,
  generationJobQuery,
  deleteUnlockedJobs,
  exhaustedGenerationJobs,
  generationJobsLockedBy,
  jobKeysByPool,
  jobsOfExports,
  lockersWithoutHeartbeat,
  queueSummary,
  removeExportJob,
  schedulePurge,
  unlockPools,
  type ExportJob,
} from './job-queue.js';
import { moveExport } from './move-export.js';
import { reassignExport, releaseExport } from './reassign-export.js';

export interface NewCalendarExport {
  /** The user asking: the export reads only their todos. */
  ownerId: string;
  selection: TodoSelection;
  maxAttempts: number;
  idempotencyKey?: string | undefined;
}

export interface ExportStoreOptions {
  /** How long an export that ended (SUCCESS, FAILURE, cancelled) is kept before the purge deletes it. */
  exportTtlMs: number;
}

/** What `lastError` says of an export cancelled from the jobs monitor. */
export const CANCELLED = 'Cancelled from the jobs monitor';
/** What `lastError` says of an export whose worker stopped answering during an attempt. */
export const WORKER_STOPPED = 'the worker stopped during the attempt';
/** What `lastError` says of an export whose last attempt failed without recording why. */
const LAST_ATTEMPT_LOST = 'the worker stopped during the last attempt';

/** An export whose worker stopped, and what became of it. */
export interface ReassignedExport {
  exportId: string;
  status: ExportStatus;
}

/**
 * Records a PENDING export and enqueues its job in one statement (so one
 * transaction, and one round trip): either both exist or neither does, so no
 * job is ever lost or phantom.
 * @throws an error that `isUniqueViolation` recognises when the idempotency key is taken.
 */
export async function createCalendarExport(
  prisma: PrismaClient,
  { ownerId, selection, maxAttempts, idempotencyKey }: NewCalendarExport,
): Promise<CalendarExportSummary> {
  // The id is made here so that the job (keyed by it) comes first and the export names its job at once.
  const id = randomUUID();
  const completed = selection.completed ?? null;
  const windowDays = selection.window ?? null;
  const [created] = await prisma.$queryRaw<{ created_at: Date }[]>`
    WITH job AS (${generationJobQuery(id, maxAttempts)})
    INSERT INTO calendar_exports (id, owner_id, completed, window_days, max_attempts, idempotency_key, job_id)
    SELECT ${id}::uuid, ${ownerId}::uuid, ${completed}::boolean, ${windowDays}::int, ${maxAttempts}::int,
           ${idempotencyKey ?? null}::varchar, job.id
      FROM job
    RETURNING created_at`;
  // What the row holds now: the values above, and the columns' defaults.
  return {
    ...NEW_EXPORT_DEFAULTS,
    id,
    ownerId,
    completed,
    windowDays,
    maxAttempts,
    idempotencyKey: idempotencyKey ?? null,
    createdAt: created!.created_at,
  };
}

/** What an export holds before its first attempt: as created, and once more when retried. */
const NO_ATTEMPT_YET = {
  attempts: 0,
  lastError: null,
  todoCount: null,
  eventCount: null,
  progress: 0,
  startedAt: null,
  finishedAt: null,
  expiresAt: null,
} as const satisfies Partial<CalendarExportSummary>;

/** The defaults of `calendar_exports` (prisma/schema.prisma), checked by a test of creation. */
const NEW_EXPORT_DEFAULTS = {
  ...NO_ATTEMPT_YET,
  status: 'PENDING',
  contentEncoding: null,
  sizeBytes: null,
  contentSha256: null,
} as const satisfies Partial<CalendarExportSummary>;

/**
 * The export store: the one owner of an export's life. Every change of an
 * export's status (along {@link EXPORT_TRANSITIONS}), every call into
 * graphile-worker's queue, and every count and percentile of exports goes
 * through it; the API, the worker, the jobs monitor and the metrics all ask it.
 */
export function createExportStore(prisma: PrismaClient, { exportTtlMs }: ExportStoreOptions) {
  return {
    /** {@link createCalendarExport}. */
    create: (newExport: NewCalendarExport) => createCalendarExport(prisma, newExport),

    /**
     * Starts a FAILURE export over with fresh attempts (its record and a new job, together).
     * @returns the export, or null when there is no export with this id.
     * @throws IllegalExportTransition when it is not FAILURE.
     */
    retry(id: string): Promise<CalendarExportSummary | null> {
      return prisma.$transaction(async (tx) => {
        const retried = await moveExport(tx, {
          id,
          to: 'PENDING',
          data: NO_ATTEMPT_YET,
        });
        if (!retried) return null;
        const jobId = await addGenerationJob(tx, id, retried.maxAttempts);
        await tx.calendarExport.update({ where: { id }, data: { jobId }, select: { id: true } });
        return retried;
      });
    },

    /**
     * Cancels an export that has not ended — waiting, or running: it is FAILURE
     * at once, with an expiry like any ended export; its job leaves the queue,
     * and an attempt running it stops at its next write (which is refused).
     * @returns the export, or null when there is no export with this id.
     * @throws IllegalExportTransition when it has already ended.
     */
    cancel(id: string): Promise<CalendarExportSummary | null> {
      return prisma.$transaction(async (tx) => {
        const cancelled = await moveExport(tx, {
          id,
          to: 'FAILURE',
          data: { lastError: CANCELLED, ...endOfExport(exportTtlMs) },
        });
        if (cancelled) await removeExportJob(tx, id);
        return cancelled;
      });
    },

    /** {@link startAttempt}: the worker's way in, for the job it runs. */
    startAttempt: (start: AttemptStart): Promise<ExportAttempt | null> =>
      startAttempt(prisma, start, exportTtlMs),

    /**
     * Gives up the export of a job that a shutdown forced off (its task may
     * still be running, unseen) without using an attempt: RETRY on a new job.
     * @returns whether the job still owned an export.
     */
    releaseForcedJob(exportId: string, jobId: bigint, reason: string): Promise<boolean> {
      return releaseExport(prisma, { jobId, exportId, reason, ttlMs: exportTtlMs });
    },

    /**
     * The reaper: presumes dead the pools silent for `staleAfterMs` (and those
     * holding an old lock without ever having beaten), other than `ownPoolId`,
     * and takes their work back. Their exports get new jobs (RETRY, or FAILURE
     * when that was their last attempt), so that a pool presumed dead that is
     * in fact alive can change nothing; their other jobs are unlocked.
     * DELETE … RETURNING makes it safe for reapers to race: a pool is claimed by one.
     */
    reapSilentPools(
      staleAfterMs: number,
      ownPoolId: string,
    ): Promise<{ pools: string[]; exports: ReassignedExport[] }> {
      // Inside a transaction now() is fixed, so every statement shares one cut-off.
      const staleSince = Prisma.sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
      return prisma.$transaction(async (tx) => {
        const silent = await tx.$queryRaw<{ pool_id: string }[]>`
          DELETE FROM worker_heartbeats
           WHERE last_seen_at < ${staleSince} AND pool_id <> ${ownPoolId}
          RETURNING pool_id`;
        const unknown = await lockersWithoutHeartbeat(tx, staleSince, ownPoolId);
        const pools = [...new Set([...silent.map((row) => row.pool_id), ...unknown])];
        if (pools.length === 0) return { pools, exports: [] };
        const held = await generationJobsLockedBy(tx, pools);
        await unlockPools(tx, pools);
        const exports: ReassignedExport[] = [];
        for (const job of held) {
          const status = await reassignExport(tx, {
            jobId: job.id,
            exportId: job.exportId,
            countAttempt: true,
            reason: WORKER_STOPPED,
            ttlMs: exportTtlMs,
          });
          if (status && job.exportId) exports.push({ exportId: job.exportId, status });
        }
        return { pools, exports };
      });
    },

    /**
     * Fails the exports whose job graphile-worker will not run again (out of
     * attempts) though no attempt recorded an outcome — the last one could not
     * write it — and deletes those jobs.
     * @returns the ids of the exports it failed.
     */
    async failAbandoned(): Promise<string[]> {
      // Every heartbeat of every worker asks: most often there is nothing, and no transaction is needed.
      const exhausted = await exhaustedGenerationJobs(prisma);
      if (exhausted.length === 0) return [];
      // Each move is fenced by the job, so exports that moved on since the read are left alone.
      return prisma.$transaction(async (tx) => {
        const failed: string[] = [];
        for (const job of exhausted) {
          if (!job.exportId) continue;
          const moved = await moveExport(tx, {
            id: job.exportId,
            to: 'FAILURE',
            fence: { jobId: job.id },
            data: { lastError: job.lastError ?? LAST_ATTEMPT_LOST, ...endOfExport(exportTtlMs) },
          });
          if (moved) failed.push(moved.id);
        }
        await deleteUnlockedJobs(
          tx,
          exhausted.map((job) => job.id),
        );
        return failed;
      });
    },

    /**
     * Deletes expired exports, `batchSize` at a time so that no statement
     * holds many rows (or megabytes of calendars) at once.
     * @returns how many it deleted.
     */
    async purgeExpired(batchSize: number): Promise<number> {
      let deleted = 0;
      for (;;) {
        const now = new Date();
        const expired = await prisma.calendarExport.findMany({
          where: { expiresAt: { lt: now } },
          select: { id: true },
          take: batchSize,
        });
        if (expired.length === 0) return deleted;
        // The expiry is checked again: an export retried meanwhile has no expiry any more.
        const { count } = await prisma.calendarExport.deleteMany({
          where: { id: { in: expired.map(({ id }) => id) }, expiresAt: { lt: now } },
        });
        deleted += count;
        if (expired.length < batchSize) return deleted;
      }
    },

    /** Queues a purge of expired exports now (at most one waits). */
    schedulePurge: () => schedulePurge(prisma),

    /** The queue's view of these exports' jobs (gone once a job has succeeded). */
    jobsOf: (exportIds: string[]): Promise<ExportJob[]> => jobsOfExports(prisma, exportIds),

    /** The keys of the jobs each worker pool holds. */
    jobKeysByPool: () => jobKeysByPool(prisma),

    /** Exports by status. */
    countsByStatus: () => exportCountsByStatus(prisma),

    /** The queue's waiting, scheduled and running jobs. */
    queueSummary: () => queueSummary(prisma),

    /** Finished exports and their wait and run percentiles over the last N minutes, per window. */
    finishedWindows: (windowsMinutes: number[]) => finishedExportWindows(prisma, windowsMinutes),

    /** Exports finished in each of the last 60 minutes. */
    finishedPerMinute: (): Promise<MonitorSummary['per_minute']> => finishedPerMinute(prisma),
  };
}

export type ExportStore = ReturnType<typeof createExportStore>;
