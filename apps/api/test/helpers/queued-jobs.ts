import type { PrismaClient } from '@taskoverflow/db';

/**
 * The payload of the job keyed `key` (an export's id), if one is queued. Read from
 * graphile-worker's table: its public view of the jobs leaves payloads out.
 */
export async function queuedPayload(prisma: PrismaClient, key: string): Promise<unknown> {
  const [job] = await prisma.$queryRaw<{ payload: unknown }[]>`
    SELECT payload FROM graphile_worker._private_jobs WHERE key = ${key}`;
  return job?.payload;
}
