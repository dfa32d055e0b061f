import { randomUUID } from 'node:crypto';
import {
  EXPORT_ACTION_TARGETS,
  EXPORT_STATUSES,
  QuotaExceededError,
  isFinalExportStatus,
  type ExportStatus,
  type MonitorSummary,
} from '@taskoverflow/contracts';
import type pg from 'pg';
import sql, { raw } from 'sql-template-tag';
import type { TodoSelection } from '../todos/todo-selection.js';
import { GENERIC_PLANS, inTransaction, prepared, rows } from '../database.js';
import { lockUser } from '../accounts/user-quota.js';
import { inScope, type ExportScope } from './export-scope.js';
import { startAttempt, type AttemptStart, type ExportAttempt } from './export-attempt.js';
import { endOfExport } from './export-lifetime.js';
import {
  exportCountsByStatus,
  finishedExportWindows,
  finishedPerMinute,
} from './export-statistics.js';
import { SUMMARY_COLUMNS, type CalendarExportSummary } from './export-summary.js';
import { EVENT_TIME_SQL, type ObservedExport } from './export-event-state.js';
import {
  addGenerationJob,
  generationJobQuery,
  deleteUnlockedJobs,
  exhaustedGenerationJobs,
  generationJobsLockedBy,
  jobKeysByPool,
  jobsOfExports,
  lockersWithoutHeartbeat,
  queueByTask,
  queueSummary,
  removeExportJob,
  schedulePurge,
  unlockPools,
  type ExportJob,
} from '../queue/job-queue.js';
import { moveExport } from './move-export.js';
import { reassignExport, releaseExport } from './reassign-export.js';
import { deleteSilentPools, staleSince } from '../workers/heartbeats-repository.js';

export interface NewCalendarExport {
  /** The user asking: the export reads only their todos. */
  ownerId: string;
  selection: TodoSelection;
  maxAttempts: number;
  idempotencyKey?: string | undefined;
  /** The request asking, named in its job for the worker's logs. */
  requestId?: string | undefined;
  /** How many exports waiting or running the owner may have (QUOTA_ACTIVE_EXPORTS); null: no limit. */
  activeQuota?: number | null;
}

/** Exports waiting or running: what the active-exports quota counts. */
const UNFINISHED_STATUSES = EXPORT_STATUSES.filter((status) => !isFinalExportStatus(status));

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

/** Locks the export with this id if it is in the scope; @returns whether it is. */
async function lockInScope(tx: pg.PoolClient, scope: ExportScope, id: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    sql`SELECT FROM calendar_exports WHERE id = ${id}::uuid AND ${inScope(scope)} FOR UPDATE`,
  );
  return rowCount === 1;
}

/** A calendar as stored with its export. */
export interface StoredContent {
  content: Uint8Array;
  /** `gzip`, or null for plain text. */
  contentEncoding: string | null;
}

/** An export whose worker stopped, and what became of it. */
export interface ReassignedExport {
  exportId: string;
  status: ExportStatus;
}

/** The columns of a new export that reuse decides, as the creation statement returns them. */
interface CreatedExport {
  status: ExportStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
  progress: number;
  todoCount: number | null;
  eventCount: number | null;
  contentEncoding: string | null;
  sizeBytes: number | null;
  contentSha256: string | null;
}

/**
 * Records an export in one statement, in a transaction of its own that plans
 * it once per connection (three round trips: planning it anew for every
 * export cost PostgreSQL more than the two added).
 *
 * When an earlier export of the same selection made its calendar from the todos
 * as they still are (their owner's revision has not moved since), the new export is
 * SUCCESS at once with a copy of that calendar, and no job is queued. Otherwise
 * it is PENDING and its job is queued with it: either both exist or neither
 * does, so no job is ever lost or phantom.
 *
 * A selection with a deadline window is never reused: its todos depend on the
 * day it is made, not only on the todos.
 *
 * With an `activeQuota`, a new export that would be waiting beyond it is
 * refused (neither export nor job is written); a reused one is not waiting,
 * so it neither counts nor is refused. The count and the insert then run under
 * the owner's lock (see lockUser), so that exports asked for at once cannot
 * all pass: one more round trip.
 * @throws QuotaExceededError beyond the quota.
 * @throws an error that `isUniqueViolation` recognises when the idempotency key is taken.
 */
export async function createCalendarExport(
  pool: pg.Pool,
  {
    ownerId,
    selection,
    maxAttempts,
    idempotencyKey,
    requestId,
    activeQuota = null,
  }: NewCalendarExport,
  exportTtlMs: number,
): Promise<CalendarExportSummary> {
  // The id is made here so that the job (keyed by it) comes first and the export names its job at once.
  const id = randomUUID();
  const completed = selection.completed ?? null;
  const windowDays = selection.window ?? null;
  const insert = (tx: pg.PoolClient) =>
    rows<CreatedExport>(
      tx,
      prepared(
        'create-calendar-export',
        sql`
    WITH reusable AS (
      SELECT e.content, e.content_encoding, e.size_bytes, e.content_sha256,
             e.todo_count, e.event_count, e.todos_revision
        FROM calendar_exports AS e
       WHERE e.owner_id = ${ownerId}::uuid
         AND e.todos_revision = (SELECT revision FROM owner_revisions WHERE owner_id = ${ownerId}::uuid)
         AND e.status = 'SUCCESS'
         AND e.completed IS NOT DISTINCT FROM ${completed}::boolean
         AND e.window_days IS NULL AND ${windowDays}::int IS NULL
       LIMIT 1
    ), allowed AS (
      SELECT EXISTS (SELECT FROM reusable) OR ${activeQuota}::int IS NULL
             OR (SELECT count(*) FROM calendar_exports
                  WHERE owner_id = ${ownerId}::uuid
                    AND status = ANY(${UNFINISHED_STATUSES}::export_status[])) < ${activeQuota}::int AS ok
    ), job AS (
      ${generationJobQuery(id, maxAttempts, { ownerId, requestId })}
       WHERE NOT EXISTS (SELECT FROM reusable) AND (SELECT ok FROM allowed)
    )
    INSERT INTO calendar_exports (
      id, owner_id, completed, window_days, max_attempts, idempotency_key, job_id, status, progress,
      content, content_encoding, size_bytes, content_sha256, todo_count, event_count,
      todos_revision, started_at, finished_at, expires_at)
    SELECT ${id}::uuid, ${ownerId}::uuid, ${completed}::boolean, ${windowDays}::int, ${maxAttempts}::int,
           ${idempotencyKey ?? null}::varchar, job.id,
           CASE WHEN reused IS NULL THEN 'PENDING' ELSE 'SUCCESS' END::export_status,
           CASE WHEN reused IS NULL THEN 0 ELSE 1 END,
           reused.content, reused.content_encoding, reused.size_bytes, reused.content_sha256,
           reused.todo_count, reused.event_count, reused.todos_revision,
           CASE WHEN reused IS NOT NULL THEN now() END,
           CASE WHEN reused IS NOT NULL THEN now() END,
           CASE WHEN reused IS NOT NULL THEN now() + make_interval(secs => ${exportTtlMs / 1000}) END
      FROM (SELECT) AS one LEFT JOIN job ON true LEFT JOIN reusable AS reused ON true
     WHERE (SELECT ok FROM allowed)
    RETURNING status, created_at AS "createdAt", started_at AS "startedAt",
              finished_at AS "finishedAt", expires_at AS "expiresAt", progress,
              todo_count AS "todoCount", event_count AS "eventCount",
              content_encoding AS "contentEncoding", size_bytes AS "sizeBytes",
              content_sha256 AS "contentSha256"`,
      ),
    );
  // Planned once per connection (GENERIC_PLANS), graphile-worker's statements in add_job included.
  const [created] = await inTransaction(
    pool,
    async (tx) => {
      if (activeQuota === null) return insert(tx);
      await tx.query(lockUser(ownerId));
      const inserted = await insert(tx);
      if (inserted.length === 0) throw new QuotaExceededError('active_exports', activeQuota);
      return inserted;
    },
    GENERIC_PLANS,
  );
  // What the row holds now: the values above, and the columns' defaults.
  return {
    ...NO_ATTEMPT_YET,
    ...created!,
    id,
    ownerId,
    completed,
    windowDays,
    maxAttempts,
    idempotencyKey: idempotencyKey ?? null,
    lastError: null,
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

/**
 * The export store: the one owner of an export's life. Every change of an
 * export's status (along {@link EXPORT_TRANSITIONS}), every call into
 * graphile-worker's queue, and every count and percentile of exports goes
 * through it; the API, the worker, the jobs monitor and the metrics all ask it.
 */
export function createExportStore(pool: pg.Pool, { exportTtlMs }: ExportStoreOptions) {
  const findWhere = async (condition: ReturnType<typeof sql>) => {
    const [found] = await rows<CalendarExportSummary>(
      pool,
      sql`SELECT ${SUMMARY_COLUMNS} FROM calendar_exports WHERE ${condition}`,
    );
    return found ?? null;
  };

  // Every status request reads its export: prepared (one statement per kind of scope, whose text differs).
  const observe = async (scope: ExportScope, id: string): Promise<ObservedExport | null> => {
    const [found] = await rows<CalendarExportSummary & { readAt: string }>(
      pool,
      prepared(
        scope === 'everyone' ? 'export-observe-any' : 'export-observe-own',
        sql`SELECT ${SUMMARY_COLUMNS}, ${raw(EVENT_TIME_SQL)} AS "readAt" FROM calendar_exports
             WHERE id = ${id}::uuid AND ${inScope(scope)}`,
      ),
    );
    if (!found) return null;
    const { readAt, ...summary } = found;
    return { summary, readAt };
  };

  return {
    /** {@link createCalendarExport}. */
    create: (newExport: NewCalendarExport) => createCalendarExport(pool, newExport, exportTtlMs),

    /** The export with this id (a UUID) in the scope and when it was read (see exportAfterEvent), or null. */
    observe,

    /** The export the owner made with this idempotency key (a key is its owner's), or null. */
    findByIdempotencyKey: (ownerId: string, key: string): Promise<CalendarExportSummary | null> =>
      findWhere(sql`owner_id = ${ownerId}::uuid AND idempotency_key = ${key}`),

    /** The most recent exports in the scope (of one status, if given), newest first. */
    recent: (
      scope: ExportScope,
      limit: number,
      status?: ExportStatus,
    ): Promise<CalendarExportSummary[]> =>
      rows<CalendarExportSummary>(
        pool,
        sql`
          SELECT ${SUMMARY_COLUMNS} FROM calendar_exports
           WHERE ${inScope(scope)} AND (${status ?? null}::export_status IS NULL
                 OR status = ${status ?? null}::export_status)
           ORDER BY created_at DESC LIMIT ${limit}`,
      ),

    /** The calendar of an export in the scope as stored, or null when it has none (yet, or any more). */
    async content(scope: ExportScope, id: string): Promise<StoredContent | null> {
      // Every download of a calendar not in the API's cache reads it: prepared, as observe is.
      const [found] = await rows<StoredContent>(
        pool,
        prepared(
          scope === 'everyone' ? 'export-content-any' : 'export-content-own',
          sql`
          SELECT content, content_encoding AS "contentEncoding" FROM calendar_exports
           WHERE id = ${id}::uuid AND ${inScope(scope)} AND content IS NOT NULL`,
        ),
      );
      return found ?? null;
    },

    /**
     * Starts a FAILURE export over with fresh attempts (its record and a new
     * job, together); `requestId`: the request asking, named in the job.
     * @returns the export, or null when there is no export with this id.
     * @throws IllegalExportTransition when it is not FAILURE.
     */
    retry(
      scope: ExportScope,
      id: string,
      requestId?: string,
    ): Promise<CalendarExportSummary | null> {
      return inTransaction(pool, async (tx) => {
        if (!(await lockInScope(tx, scope, id))) return null;
        const retried = await moveExport(tx, {
          id,
          to: EXPORT_ACTION_TARGETS.retry,
          data: NO_ATTEMPT_YET,
        });
        if (!retried) return null;
        const jobId = await addGenerationJob(tx, id, retried.maxAttempts, { requestId });
        await tx.query(
          sql`UPDATE calendar_exports SET job_id = ${jobId}::bigint WHERE id = ${id}::uuid`,
        );
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
    cancel(scope: ExportScope, id: string): Promise<CalendarExportSummary | null> {
      return inTransaction(pool, async (tx) => {
        if (!(await lockInScope(tx, scope, id))) return null;
        const cancelled = await moveExport(tx, {
          id,
          to: EXPORT_ACTION_TARGETS.cancel,
          data: { lastError: CANCELLED, ...endOfExport(exportTtlMs) },
        });
        if (cancelled) await removeExportJob(tx, id);
        return cancelled;
      });
    },

    /** {@link startAttempt}: the worker's way in, for the job it runs. */
    startAttempt: (start: AttemptStart): Promise<ExportAttempt | null> =>
      startAttempt(pool, start, exportTtlMs),

    /**
     * Gives up the export of a job that a shutdown is forcing off (its task
     * may go on running, unseen) without using an attempt: RETRY on a new job.
     * @returns whether the job still owned an export.
     */
    releaseForcedJob(exportId: string, jobId: string, reason: string): Promise<boolean> {
      return releaseExport(pool, { jobId, exportId, reason, ttlMs: exportTtlMs });
    },

    /**
     * The reaper: presumes dead the pools silent for `staleAfterMs` (and those
     * holding an old lock without ever having beaten), other than `ownPoolId`,
     * and takes their work back. Their exports get new jobs (RETRY, or FAILURE
     * when that was their last attempt), so that a pool presumed dead that is
     * in fact alive can change nothing; their other jobs are unlocked.
     * Reapers may race: a pool is claimed by one ({@link deleteSilentPools}).
     */
    reapSilentPools(
      staleAfterMs: number,
      ownPoolId: string,
    ): Promise<{ pools: string[]; exports: ReassignedExport[] }> {
      // Inside a transaction now() is fixed, so every statement shares one cut-off.
      const since = staleSince(staleAfterMs);
      return inTransaction(pool, async (tx) => {
        const silent = await deleteSilentPools(tx, since, ownPoolId);
        const unknown = await lockersWithoutHeartbeat(tx, since, ownPoolId);
        const pools = [...new Set([...silent, ...unknown])];
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
      const exhausted = await exhaustedGenerationJobs(pool);
      if (exhausted.length === 0) return [];
      // Each move is fenced by the job, so exports that moved on since the read are left alone.
      return inTransaction(pool, async (tx) => {
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
        // One statement a batch: the expiry is checked as each row is deleted (a retried export has none).
        const { rowCount } = await pool.query(sql`
          DELETE FROM calendar_exports WHERE id IN (
            SELECT id FROM calendar_exports WHERE expires_at < now() LIMIT ${batchSize}
             FOR UPDATE SKIP LOCKED)
            AND expires_at < now()`);
        deleted += rowCount ?? 0;
        if ((rowCount ?? 0) < batchSize) return deleted;
      }
    },

    /** Queues a purge of expired exports now (at most one waits). */
    schedulePurge: () => schedulePurge(pool),

    /** The queue's view of these exports' jobs (gone once a job has succeeded). */
    jobsOf: (exportIds: string[]): Promise<ExportJob[]> => jobsOfExports(pool, exportIds),

    /** The keys of the jobs each worker pool holds. */
    jobKeysByPool: () => jobKeysByPool(pool),

    /** Exports by status. */
    countsByStatus: (scope: ExportScope) => exportCountsByStatus(pool, scope),

    /** The queue's waiting, scheduled and running jobs. */
    queueSummary: (scope: ExportScope) => queueSummary(pool, scope),

    /** {@link queueByTask}: the whole queue by task identifier, so by version. */
    queueByTask: () => queueByTask(pool),

    /** Finished exports and their wait and run percentiles over the last N minutes, per window. */
    finishedWindows: (scope: ExportScope, windowsMinutes: number[]) =>
      finishedExportWindows(pool, scope, windowsMinutes),

    /** Exports finished in each of the last 60 minutes. */
    finishedPerMinute: (scope: ExportScope): Promise<MonitorSummary['per_minute']> =>
      finishedPerMinute(pool, scope),
  };
}

export type ExportStore = ReturnType<typeof createExportStore>;
