import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID } from '../../src/index.js';
import { ownerFeedsJobKey } from '../../src/queue/feed-render-jobs.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * Fan-out outside the writer: a statement that changes an owner's todos queues
 * one render job for the owner, whatever the number of feeds, and none when
 * the owner has no feed; the worker's job then finds the feeds behind.
 */
const db = useTestPrisma();
const FEEDS = 2_000;
let users = 0;
const newOwner = async (): Promise<string> =>
  (await db.prisma.user.create({ data: { email: `owner-${++users}@example.com` } })).id;
const clearQueue = () => db.pool.query('DELETE FROM graphile_worker._private_jobs');

const jobs = async () =>
  (
    await db.pool.query<{ key: string }>('SELECT key FROM graphile_worker.jobs ORDER BY key')
  ).rows.map(({ key }) => key);

/** The feeds' row versions: a statement that writes any feed changes one. */
const feedVersions = async () =>
  (
    await db.pool.query<{ v: string }>(
      "SELECT string_agg(xmin::text, ',' ORDER BY id) AS v FROM calendar_feeds",
    )
  ).rows[0]!.v;

async function addFeeds(ownerId: string, count: number): Promise<void> {
  await db.pool.query(
    `INSERT INTO calendar_feeds (owner_id, name, secret_sha256)
     SELECT $1::uuid, 'feed ' || i, md5(i::text) || md5($1::text || i) FROM generate_series(1, $2::int) AS i`,
    [ownerId, count],
  );
}

const insertTodos = (ownerId: string, count: number) =>
  db.pool.query(
    `INSERT INTO todos (owner_id, title, updated_at)
     SELECT $1, 'todo ' || i, now() FROM generate_series(1, $2::int) AS i`,
    [ownerId, count],
  );

describe('a todo write of an owner with feeds', () => {
  it(`queues exactly one job for ${FEEDS} feeds, and writes no feed`, async () => {
    await addFeeds(LOCAL_OWNER_ID, FEEDS);
    await clearQueue();
    const versions = await feedVersions();

    await insertTodos(LOCAL_OWNER_ID, 3);
    expect(await jobs()).toEqual([ownerFeedsJobKey(LOCAL_OWNER_ID)]);
    await db.pool.query(`UPDATE todos SET completed = true`);
    await db.pool.query(`DELETE FROM todos`);
    expect(await jobs()).toEqual([ownerFeedsJobKey(LOCAL_OWNER_ID)]);
    expect(await feedVersions()).toBe(versions);
  });

  it('queues a job for a new feed, and counts the feeds as they come, go and change hands', async () => {
    const [ada, bob] = [await newOwner(), await newOwner()];
    await clearQueue();
    await addFeeds(ada, 3);
    expect(await jobs()).toEqual([ownerFeedsJobKey(ada)]);
    const feedCounts = async () => {
      const found = await db.prisma.ownerRevision.findMany({
        where: { ownerId: { in: [ada, bob] } },
        select: { ownerId: true, feedCount: true },
      });
      return Object.fromEntries(found.map(({ ownerId, feedCount }) => [ownerId, feedCount]));
    };
    expect(await feedCounts()).toEqual({ [ada]: 3, [bob]: 0 });
    await db.pool.query(
      `UPDATE calendar_feeds SET owner_id = $1 WHERE owner_id = $2 AND name = 'feed 1'`,
      [bob, ada],
    );
    await db.pool.query(`DELETE FROM calendar_feeds WHERE owner_id = $1 AND name = 'feed 3'`, [
      ada,
    ]);
    expect(await feedCounts()).toEqual({ [ada]: 1, [bob]: 1 });
    expect(await jobs()).toContain(ownerFeedsJobKey(bob));
  });
});

describe('a todo write of an owner without feeds', () => {
  it('queues no job', async () => {
    const [ada, bob] = [await newOwner(), await newOwner()];
    await addFeeds(bob, 1);
    await clearQueue();
    await insertTodos(ada, 2);
    await db.pool.query(`UPDATE todos SET title = 'edited' WHERE owner_id = $1`, [ada]);
    await db.pool.query(`DELETE FROM todos WHERE owner_id = $1`, [ada]);
    await db.prisma.user.update({ where: { id: ada }, data: { timeZone: 'Europe/Berlin' } });
    expect(await jobs()).toEqual([]);
  });
});
