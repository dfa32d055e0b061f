import { Prisma, type PrismaClient } from '@taskoverflow/db';

export interface PoolIdentity {
  poolId: string;
  hostname: string;
  pid: number;
  concurrency: number;
}

/**
 * The `worker_heartbeats` table. Times come from the database's clock
 * (`now()`), never a worker's: pools on different hosts are compared.
 */
export function createHeartbeatsRepository(prisma: PrismaClient) {
  return {
    /** Records that the pool is alive (again, if a reaper had given it up). */
    async beat({ poolId, hostname, pid, concurrency }: PoolIdentity): Promise<void> {
      await prisma.$executeRaw`
        INSERT INTO worker_heartbeats (pool_id, hostname, pid, concurrency)
        VALUES (${poolId}, ${hostname}, ${pid}, ${concurrency})
        ON CONFLICT (pool_id) DO UPDATE SET last_seen_at = now()`;
    },

    async remove(poolId: string): Promise<void> {
      await prisma.workerHeartbeat.deleteMany({ where: { poolId } });
    },

    /**
     * Unlocks the jobs of pools presumed dead: those silent for `staleAfterMs`,
     * and those holding a lock that old without any heartbeat (dead before
     * their first). DELETE … RETURNING makes it safe for reapers to race: a
     * row is claimed by one of them.
     * @returns the ids of the pools whose jobs it unlocked.
     */
    async reapStalePools(staleAfterMs: number, ownPoolId: string): Promise<string[]> {
      // Inside a transaction now() is fixed, so both statements share one cut-off.
      const staleSince = Prisma.sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
      return prisma.$transaction(async (tx) => {
        const silent = await tx.$queryRaw<{ pool_id: string }[]>`
          DELETE FROM worker_heartbeats
           WHERE last_seen_at < ${staleSince} AND pool_id <> ${ownPoolId}
          RETURNING pool_id`;
        const unknown = await tx.$queryRaw<{ pool_id: string }[]>`
          SELECT DISTINCT locked_by AS pool_id FROM graphile_worker.jobs AS j
           WHERE locked_at < ${staleSince} AND locked_by <> ${ownPoolId}
             AND NOT EXISTS (SELECT 1 FROM worker_heartbeats AS h WHERE h.pool_id = j.locked_by)`;
        const poolIds = [...new Set([...silent, ...unknown].map((row) => row.pool_id))];
        if (poolIds.length > 0) {
          await tx.$executeRaw`SELECT graphile_worker.force_unlock_workers(${poolIds}::text[])`;
        }
        return poolIds;
      });
    },
  };
}

export type HeartbeatsRepository = ReturnType<typeof createHeartbeatsRepository>;
