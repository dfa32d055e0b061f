import type { Database } from '@taskoverflow/db/store';
import sql from 'sql-template-tag';

export interface PoolIdentity {
  poolId: string;
  hostname: string;
  pid: number;
  concurrency: number;
}

/**
 * The `worker_heartbeats` table. Times come from the database's clock
 * (`now()`), never a worker's: pools on different hosts are compared. (Reaping
 * silent pools takes their jobs back too: the export store does it.)
 */
export function createHeartbeatsRepository(db: Database) {
  return {
    /** Records that the pool is alive (again, if a reaper had given it up). */
    async beat({ poolId, hostname, pid, concurrency }: PoolIdentity): Promise<void> {
      await db.query(sql`
        INSERT INTO worker_heartbeats (pool_id, hostname, pid, concurrency)
        VALUES (${poolId}, ${hostname}, ${pid}, ${concurrency})
        ON CONFLICT (pool_id) DO UPDATE SET last_seen_at = now()`);
    },

    async remove(poolId: string): Promise<void> {
      await db.query(sql`DELETE FROM worker_heartbeats WHERE pool_id = ${poolId}`);
    },
  };
}

export type HeartbeatsRepository = ReturnType<typeof createHeartbeatsRepository>;
