// Every statement on graphile-worker's queue (the `graphile_worker` schema) is
// in this folder, as graphile-worker keeps its own SQL in one place: the export
// jobs here, the feed renders in feed-render-jobs.ts; the rest of the code asks
// the export and feed stores, which ask this folder. Only graphile-worker's
// public functions and its `jobs` view are used, never its private tables.
import {
  GENERATE_CALENDAR_VERSION,
  REQUEST_ID_PATTERN,
  TASK_VERSION_SEPARATOR,
  type GenerateCalendarPayload,
  type MonitorSummary,
} from '@taskoverflow/contracts';
import sql, { raw, type Sql } from 'sql-template-tag';
import { rows, type Database } from '../database.js';
import { inScope, type ExportScope } from '../exports/export-scope.js';
import { withoutHeartbeat } from '../workers/heartbeats-repository.js';
import {
  GENERATE_CALENDAR_IDENTIFIER,
  GENERATE_CALENDAR_TASK,
  PURGE_EXPIRED_EXPORTS_TASK,
} from './task-names.js';

/** A generation job as the store sees it. */
export interface GenerationJob {
  /** A bigint's decimal text, as graphile-worker gives job ids. */
  id: string;
  /** The export it generates (its job key); null once graphile-worker cleared the key. */
  exportId: string | null;
  lastError: string | null;
}

const WELL_FORMED_REQUEST_ID = new RegExp(REQUEST_ID_PATTERN);

export interface GenerationJobOptions {
  /**
   * The job waits behind that owner's other waiting exports only: its priority
   * is how many of them wait (graphile-worker runs lower priorities first), so
   * one user's burst of exports cannot starve another user's single one — each
   * user's first waiting export goes first — and never lower than theirs, so
   * one user's exports run in the order they were asked for.
   */
  ownerId?: string;
  /** The request queueing the job, for the worker's logs (none when the system re-queues). */
  requestId?: string | undefined;
}

/**
 * Queues the generation of an export: a new job, keyed by the export's id.
 * A job of that key still locked by a running attempt loses the key (and its
 * remaining attempts: graphile-worker will not run it again), so the new job
 * never shares an id with an attempt that may still be running.
 * @returns the new job's id.
 */
export async function addGenerationJob(
  db: Database,
  exportId: string,
  maxAttempts: number,
  options: GenerationJobOptions = {},
): Promise<string> {
  const [job] = await rows<{ id: string }>(db, generationJobQuery(exportId, maxAttempts, options));
  return job!.id;
}

/**
 * The priority of a new job of `ownerId`'s: at least as many as wait (the fair
 * share), and never ahead of the owner's own waiting jobs (equal priorities
 * run oldest first) — a priority fixed when queued would otherwise let a
 * later export overtake an earlier one, once the exports ahead of that one
 * had finished. The owner's highest is that of their newest waiting export,
 * as each is queued at least as high as those before it: one look-up, not one
 * per waiting job. graphile-worker's priority is a smallint.
 */
function fairPriority(ownerId: string): Sql {
  const waiting = sql`calendar_exports WHERE owner_id = ${ownerId}::uuid AND status IN ('PENDING', 'RETRY')`;
  return sql`LEAST(32767, GREATEST(
    (SELECT count(*) FROM ${waiting}),
    (SELECT priority FROM graphile_worker.jobs
      WHERE key = (SELECT id::text FROM ${waiting} ORDER BY created_at DESC LIMIT 1)),
    0))::int`;
}

/**
 * The query of {@link addGenerationJob}, selecting the new job's `id`: to join into a larger statement.
 *
 * Every job is queued at this build's version (GENERATE_CALENDAR_VERSION),
 * new exports and re-queued ones alike: during a deploy, an older build
 * re-queues at the older version, which the newer build still runs, and the
 * newer build at its own, which the older one leaves for it. Either way a
 * worker that can run the job exists, and none fails it for being unreadable.
 */
export function generationJobQuery(
  exportId: string,
  maxAttempts: number,
  { ownerId, requestId }: GenerationJobOptions = {},
): Sql {
  const payload: GenerateCalendarPayload = {
    version: GENERATE_CALENDAR_VERSION,
    exportId,
    // The worker refuses a payload its schema does not allow: an id it would refuse is left out.
    requestId:
      requestId !== undefined && WELL_FORMED_REQUEST_ID.test(requestId) ? requestId : undefined,
  };
  const priority = ownerId === undefined ? sql`0` : fairPriority(ownerId);
  return sql`
    SELECT (graphile_worker.add_job(${GENERATE_CALENDAR_IDENTIFIER}, ${JSON.stringify(payload)}::json,
                                    max_attempts := ${maxAttempts}::int, job_key := ${exportId},
                                    priority := ${priority})).id`;
}

/**
 * Generation jobs of any version, newer ones too: during the next deploy, this
 * build's reaper gives a newer build's dead jobs new ones at this version,
 * which the newer build runs as well. (Builds from before versions match the
 * bare name alone: their reaper only unlocks a dead pool's versioned jobs,
 * which then run again on a worker that reads them, as after a database outage.)
 */
const isGenerationJob = sql`(task_identifier = ${GENERATE_CALENDAR_TASK}
  OR starts_with(task_identifier, ${GENERATE_CALENDAR_TASK + TASK_VERSION_SEPARATOR}))`;

/**
 * Deletes jobs that no attempt holds (graphile-worker's `complete_jobs` leaves
 * a locked job alone: its running attempt's completion deletes it).
 */
export async function deleteUnlockedJobs(db: Database, jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await db.query(sql`SELECT graphile_worker.complete_jobs(${jobIds}::bigint[])`);
}

/** Takes an export's job out of the queue: deleted when waiting; never run again when running. */
export async function removeExportJob(db: Database, exportId: string): Promise<void> {
  await db.query(sql`SELECT graphile_worker.remove_job(${exportId})`);
}

/**
 * The pools holding a lock older than `staleSince` without any heartbeat
 * (dead before their first), other than `ownPoolId`.
 */
export async function lockersWithoutHeartbeat(
  db: Database,
  staleSince: Sql,
  ownPoolId: string,
): Promise<string[]> {
  const lockers = await rows<{ pool_id: string }>(
    db,
    sql`
      SELECT DISTINCT locked_by AS pool_id FROM graphile_worker.jobs AS j
       WHERE locked_at < ${staleSince} AND locked_by <> ${ownPoolId}
         AND ${withoutHeartbeat(raw('j.locked_by'))}`,
  );
  return lockers.map((row) => row.pool_id);
}

/** The generation jobs these pools hold. */
export function generationJobsLockedBy(db: Database, poolIds: string[]): Promise<GenerationJob[]> {
  return rows<GenerationJob>(
    db,
    sql`
      SELECT id, key AS "exportId", last_error AS "lastError" FROM graphile_worker.jobs
       WHERE locked_by = ANY(${poolIds}::text[]) AND ${isGenerationJob}`,
  );
}

/** Unlocks every job these pools hold, so that other workers may run them. */
export async function unlockPools(db: Database, poolIds: string[]): Promise<void> {
  await db.query(sql`SELECT graphile_worker.force_unlock_workers(${poolIds}::text[])`);
}

/** Generation jobs that graphile-worker will not run again (out of attempts) and that nothing holds. */
export function exhaustedGenerationJobs(db: Database): Promise<GenerationJob[]> {
  return rows<GenerationJob>(
    db,
    sql`
      SELECT id, key AS "exportId", last_error AS "lastError" FROM graphile_worker.jobs
       WHERE ${isGenerationJob} AND locked_at IS NULL AND attempts >= max_attempts`,
  );
}

/** The queue's view of an export's job (gone once it has succeeded). */
export interface ExportJob {
  key: string;
  run_at: Date;
  locked_by: string | null;
}

export function jobsOfExports(db: Database, exportIds: string[]): Promise<ExportJob[]> {
  return rows<ExportJob>(
    db,
    sql`SELECT key, run_at, locked_by FROM graphile_worker.jobs WHERE key = ANY(${exportIds}::text[])`,
  );
}

/** The keys of the jobs each pool holds, oldest lock first. */
export function jobKeysByPool(db: Database): Promise<{ locked_by: string; keys: string[] }[]> {
  return rows(
    db,
    sql`
      SELECT locked_by, array_agg(key ORDER BY locked_at) AS keys
        FROM graphile_worker.jobs WHERE locked_by IS NOT NULL GROUP BY locked_by`,
  );
}

/** The purge's job key: one queued purge is enough, however many workers schedule it. */
export const PURGE_JOB_KEY = PURGE_EXPIRED_EXPORTS_TASK;

/** Queues one purge of expired exports (replacing a purge still waiting). */
export async function schedulePurge(db: Database): Promise<void> {
  await db.query(
    sql`SELECT graphile_worker.add_job(${PURGE_EXPIRED_EXPORTS_TASK}, '{}'::json, job_key := ${PURGE_JOB_KEY})`,
  );
}

const isWaiting = sql`locked_at IS NULL AND attempts < max_attempts AND run_at <= now()`;
/** Jobs waiting (due), scheduled (later) and running (locked), as `waiting`, `scheduled`, `running`. */
const JOB_COUNTS = sql`
  count(*) FILTER (WHERE ${isWaiting})::int AS waiting,
  count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now())::int AS scheduled,
  count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running`;

/** Jobs waiting (due), scheduled (later, e.g. a retry's backoff) and running, and the oldest wait. */
export async function queueSummary(
  db: Database,
  scope: ExportScope,
): Promise<MonitorSummary['queue']> {
  // A user's share of the queue: the jobs of their exports (graphile-worker keys them by export id).
  const inQueueScope =
    scope === 'everyone'
      ? sql`true`
      : sql`key IN (SELECT id::text FROM calendar_exports WHERE ${inScope(scope)} AND job_id IS NOT NULL)`;
  const [row] = await rows<MonitorSummary['queue']>(
    db,
    sql`
    SELECT ${JOB_COUNTS},
      extract(epoch FROM now() - min(run_at) FILTER (WHERE ${isWaiting}))::float8 AS oldest_wait_seconds
    FROM graphile_worker.jobs WHERE ${inQueueScope}`,
  );
  return row!;
}

/** The jobs of one task identifier (so of one version of a task), as {@link queueSummary} counts them. */
export interface TaskQueue extends Pick<
  MonitorSummary['queue'],
  'waiting' | 'scheduled' | 'running'
> {
  taskIdentifier: string;
}

/**
 * The whole queue's jobs by task identifier: during a deploy, what is left of
 * an older version (when nothing is, its workers have nothing more to run).
 */
export function queueByTask(db: Database): Promise<TaskQueue[]> {
  return rows<TaskQueue>(
    db,
    sql`
      SELECT task_identifier AS "taskIdentifier", ${JOB_COUNTS}
        FROM graphile_worker.jobs GROUP BY task_identifier ORDER BY task_identifier`,
  );
}
