import sql, { type Sql } from 'sql-template-tag';
import { rows, type Database } from '../database.js';
import type { WorkerHeartbeat } from '../generated/prisma/client.js';

export interface PoolIdentity {
  poolId: string;
  hostname: string;
  pid: number;
  concurrency: number;
}

/** A worker pool's last heartbeat, and whether it is recent enough to count the pool alive. */
export interface PoolHeartbeat {
  heartbeat: WorkerHeartbeat;
  alive: boolean;
}

/** The database's time `staleAfterMs` ago: heartbeats older than this are a silent pool's. */
export function staleSince(staleAfterMs: number): Sql {
  return sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
}

/** Whether the pool named by `poolId` (an SQL expression, e.g. a column) has no heartbeat. */
export function withoutHeartbeat(poolId: Sql): Sql {
  return sql`NOT EXISTS (SELECT 1 FROM worker_heartbeats AS h WHERE h.pool_id = ${poolId})`;
}

/**
 * Forgets the heartbeats of pools silent since `since` (a {@link staleSince}), other than `ownPoolId`.
 * DELETE … RETURNING makes it safe for reapers to race: a pool is claimed by one.
 * @returns the pools forgotten.
 */
export async function deleteSilentPools(
  db: Database,
  since: Sql,
  ownPoolId: string,
): Promise<string[]> {
  const silent = await rows<{ pool_id: string }>(
    db,
    sql`
      DELETE FROM worker_heartbeats
       WHERE last_seen_at < ${since} AND pool_id <> ${ownPoolId}
      RETURNING pool_id`,
  );
  return silent.map((row) => row.pool_id);
}

/**
 * The `worker_heartbeats` table. Times come from the database's clock
 * (`now()`), never a process's: pools on different hosts are compared. (Reaping
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

    /** Every pool's heartbeat, the oldest pool first; alive when it beat within `staleAfterMs`. */
    async list(staleAfterMs: number): Promise<PoolHeartbeat[]> {
      const found = await rows<WorkerHeartbeat & { alive: boolean }>(
        db,
        sql`
          SELECT pool_id AS "poolId", hostname, pid, concurrency, started_at AS "startedAt",
                 last_seen_at AS "lastSeenAt", last_seen_at >= ${staleSince(staleAfterMs)} AS alive
            FROM worker_heartbeats ORDER BY started_at`,
      );
      return found.map(({ alive, ...heartbeat }) => ({ heartbeat, alive }));
    },
  };
}

export type HeartbeatsRepository = ReturnType<typeof createHeartbeatsRepository>;
