import { randomUUID } from 'node:crypto';
import sql from 'sql-template-tag';
import { describe, expect, it } from 'vitest';
import {
  QUEUE_POLL_INTERVAL_MS,
  queueFeedRenderNow,
  renderFeedJobKey,
} from '../../src/queue/feed-render-jobs.js';
import { RENDER_FEED_TASK } from '../../src/queue/task-names.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * The feeds' triggers queue renders in plpgsql, with the task name, job key and
 * debounce written in SQL: the functions as installed by the migrations must
 * say what the queue module's constants say (the worker polls at that debounce).
 */
const db = useTestPrisma();

async function definitionOf(signature: string): Promise<string> {
  const [row] = await db.prisma.$queryRaw<{ definition: string }[]>`
    SELECT pg_get_functiondef(${signature}::regprocedure) AS definition`;
  return row!.definition;
}

/** `text` without SQL whitespace differences: one space for each run of blanks. */
const squeezed = (text: string) => text.replace(/\s+/g, ' ');

describe('the SQL that queues feed renders', () => {
  const keyPrefix = squeezed(`'${renderFeedJobKey('')}' ||`);

  it("queues the queue module's task under its job key", async () => {
    const definition = squeezed(await definitionOf('queue_feed_render(uuid, interval)'));
    expect(definition).toContain(`graphile_worker.add_job('${RENDER_FEED_TASK}',`);
    expect(definition).toContain(`job_key := ${keyPrefix} feed_id`);

    const feedId = randomUUID();
    await db.pool.query(sql`SELECT ${queueFeedRenderNow(sql`${feedId}::uuid`)}`);
    const { rows } = await db.pool.query<{ task_identifier: string }>(
      sql`SELECT task_identifier FROM graphile_worker.jobs WHERE key = ${renderFeedJobKey(feedId)}`,
    );
    expect(rows).toEqual([{ task_identifier: RENDER_FEED_TASK }]);
  });

  it('spaces renders by the poll interval, and finds the running render by its key', async () => {
    const definition = squeezed(await definitionOf('queue_owner_feed_renders(uuid[])'));
    const debounce = `INTERVAL '${QUEUE_POLL_INTERVAL_MS} milliseconds'`;
    // After the last render's end, and after the running render's start.
    expect(definition.match(/INTERVAL '\d+ milliseconds'/g)).toEqual([debounce, debounce]);
    expect(definition).toContain(`WHERE j.key = ${keyPrefix} f."id"`);
  });
});
