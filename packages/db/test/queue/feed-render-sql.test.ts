import { randomUUID } from 'node:crypto';
import sql from 'sql-template-tag';
import { describe, expect, it } from 'vitest';
import {
  QUEUE_POLL_INTERVAL_MS,
  ownerFeedsJobKey,
  queueOwnerFeedRendersNow,
} from '../../src/queue/feed-render-jobs.js';
import { RENDER_OWNER_FEEDS_TASK } from '../../src/queue/task-names.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * The triggers queue the owners' render jobs in plpgsql, with the task name,
 * job key and debounce written in SQL: the function as installed by the
 * migrations must say what the queue module's constants say (the worker polls
 * at that debounce).
 */
const db = useTestPrisma();
const QUEUE_FUNCTION = 'queue_owner_feed_renders(uuid, timestamptz)';

async function definitionOf(signature: string): Promise<string> {
  const [row] = await db.prisma.$queryRaw<{ definition: string }[]>`
    SELECT pg_get_functiondef(${signature}::regprocedure) AS definition`;
  return row!.definition;
}

/** `text` without SQL whitespace differences: one space for each run of blanks. */
const squeezed = (text: string) => text.replace(/\s+/g, ' ');

describe('the SQL that queues feed renders', () => {
  it("queues the queue module's task under the owner's job key", async () => {
    const definition = squeezed(await definitionOf(QUEUE_FUNCTION));
    expect(definition).toContain(`graphile_worker.add_job('${RENDER_OWNER_FEEDS_TASK}',`);
    expect(definition).toContain(`job_key := '${ownerFeedsJobKey('')}' || owner_id`);

    const ownerId = randomUUID();
    await db.pool.query(sql`SELECT ${queueOwnerFeedRendersNow(sql`${ownerId}::uuid`)}`);
    const { rows } = await db.pool.query<{ task_identifier: string }>(
      sql`SELECT task_identifier FROM graphile_worker.jobs WHERE key = ${ownerFeedsJobKey(ownerId)}`,
    );
    expect(rows).toEqual([{ task_identifier: RENDER_OWNER_FEEDS_TASK }]);
  });

  it('spaces the starts of an owner’s renders by the poll interval, and queues at once after a quiet spell', async () => {
    const definition = squeezed(await definitionOf(QUEUE_FUNCTION));
    expect(definition.match(/INTERVAL '\d+ milliseconds'/g)).toEqual([
      `INTERVAL '${QUEUE_POLL_INTERVAL_MS} milliseconds'`,
    ]);
    // The job's delay from the queueing transaction's now(), the last start `lastStartedMsAgo` before it.
    const runAt = async (lastStartedMsAgo: number | null) => {
      const ownerId = randomUUID();
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          sql`SELECT queue_owner_feed_renders(${ownerId}::uuid,
                       now() - ${lastStartedMsAgo}::int * INTERVAL '1 millisecond')`,
        );
        const { rows } = await client.query<{ delay_ms: number }>(
          sql`SELECT (extract(epoch FROM run_at - now()) * 1000)::float8 AS delay_ms
                FROM graphile_worker.jobs WHERE key = ${ownerFeedsJobKey(ownerId)}`,
        );
        return rows[0]!.delay_ms;
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    };
    expect(await runAt(null)).toBeCloseTo(0, 0);
    expect(await runAt(QUEUE_POLL_INTERVAL_MS * 4)).toBeCloseTo(0, 0);
    expect(await runAt(100)).toBeCloseTo(QUEUE_POLL_INTERVAL_MS - 100, 0);
  });
});
