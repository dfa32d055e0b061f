import sql from 'sql-template-tag';
import type { Database } from '../database.js';

/** Sessions deleted per statement: each deletion announces its user's change (a trigger), so a few at a time. */
const PURGE_BATCH_SIZE = 500;

/**
 * Deletes the sessions that have ended — past their absolute expiry, or
 * unused for `idleTimeoutMs` — as sessions-repository.ts decides it, in
 * batches; sessions are otherwise deleted only when their user signs in
 * again. @returns how many were deleted.
 */
export async function purgeExpiredSessions(db: Database, idleTimeoutMs: number): Promise<number> {
  let purged = 0;
  for (;;) {
    const { rowCount } = await db.query(
      sql`DELETE FROM sessions WHERE id IN (
            SELECT id FROM sessions
             WHERE expires_at <= now()
                OR last_seen_at <= now() - make_interval(secs => ${idleTimeoutMs / 1000})
             LIMIT ${PURGE_BATCH_SIZE})`,
    );
    purged += rowCount ?? 0;
    if ((rowCount ?? 0) < PURGE_BATCH_SIZE) return purged;
  }
}
