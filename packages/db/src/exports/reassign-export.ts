import type { ExportStatus } from '@taskoverflow/contracts';
import type pg from 'pg';
import sql from 'sql-template-tag';
import { inTransaction, rows, type Database } from '../database.js';
import { endOfExport } from './export-lifetime.js';
import { addGenerationJob, deleteUnlockedJobs } from '../queue/job-queue.js';
import { moveExport } from './move-export.js';

export interface Reassignment {
  /** The job taken from its attempt. */
  jobId: string;
  /** The export that job generates (its key), if it still has one. */
  exportId: string | null;
  /** Only from this attempt (when known): a later one of the same job keeps the export. */
  attempt?: number;
  /** Whether the attempt taken away counts against the export's attempts (false: a shutdown's). */
  countAttempt: boolean;
  /** Why, for the export's `last_error`. */
  reason: string;
  /** Lifetime of the export if this ends it (no attempt left). */
  ttlMs: number;
}

/**
 * Takes an export from the attempt running job `jobId` — which may still be
 * running, unseen — and gives the export a new job, so that nothing the old
 * attempt does can reach it: its writes are fenced by the job id, and
 * graphile-worker's completion or failure of the old job (by id) finds either
 * nothing, or a job that will never run again. The old job is deleted when
 * nothing holds it; one still locked loses its key and its attempts to the new
 * job (graphile-worker's `add_job`), and its attempt's completion deletes it.
 *
 * The export is RETRY on the new job, or FAILURE when no attempt is left.
 * Must run inside a transaction.
 * @returns the export's new status, or null when the job no longer owned it.
 */
export async function reassignExport(
  tx: Database,
  { jobId, exportId, attempt, countAttempt, reason, ttlMs }: Reassignment,
): Promise<ExportStatus | null> {
  await deleteUnlockedJobs(tx, [jobId]);
  if (exportId === null) return null;
  const [owned] = await rows<{ status: ExportStatus; attempts: number; max_attempts: number }>(
    tx,
    sql`
      SELECT status, attempts, max_attempts FROM calendar_exports
       WHERE id = ${exportId}::uuid AND job_id = ${jobId}::bigint
         FOR UPDATE`,
  );
  if (!owned || (attempt !== undefined && owned.attempts !== attempt)) return null;
  // Only a started attempt has an attempt to give back.
  const attempts =
    !countAttempt && owned.status === 'STARTED' ? owned.attempts - 1 : owned.attempts;
  const fence = { jobId };
  if (attempts >= owned.max_attempts) {
    await moveExport(tx, {
      id: exportId,
      to: 'FAILURE',
      fence,
      data: { lastError: reason, attempts, ...endOfExport(ttlMs) },
    });
    return 'FAILURE';
  }
  // At this build's version, as every job (see generationJobQuery): an older
  // build reassigning a newer build's job queues it at the older version, which
  // the newer build runs too.
  const newJobId = await addGenerationJob(tx, exportId, owned.max_attempts - attempts);
  await moveExport(tx, {
    id: exportId,
    to: 'RETRY',
    fence,
    data: { lastError: reason, attempts, jobId: newJobId },
  });
  return 'RETRY';
}

/**
 * Gives an export up without using an attempt (its worker is shutting down):
 * {@link reassignExport} in a transaction of its own.
 * @returns whether job `jobId` still owned the export.
 */
export async function releaseExport(
  pool: pg.Pool,
  release: Omit<Reassignment, 'countAttempt'>,
): Promise<boolean> {
  const status = await inTransaction(pool, (tx) =>
    reassignExport(tx, { ...release, countAttempt: false }),
  );
  return status !== null;
}
