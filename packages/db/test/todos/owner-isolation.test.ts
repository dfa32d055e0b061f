import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID, sha256Hex } from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * Nobody waits on somebody else (habit 17): a todo write locks only rows of its
 * own owner, so another owner's writes go through while it is uncommitted.
 * Every owner has a feed, so that the feed triggers run on every write too.
 */
const db = useTestPrisma();
// A write that waits for a lock fails after this instead of hanging the test.
const LOCK_TIMEOUT = '2s';

async function ownerWithFeed(email: string | null): Promise<string> {
  const id =
    email === null
      ? LOCAL_OWNER_ID
      : (await db.prisma.user.create({ data: { email }, select: { id: true } })).id;
  await db.prisma.calendarFeed.create({
    data: { ownerId: id, name: 'all', secretSha256: sha256Hex(`feed of ${id}`) },
  });
  return id;
}

/** A connection of its own, whose statements give up on any lock held longer than LOCK_TIMEOUT. */
async function impatientConnection(): Promise<pg.PoolClient> {
  const client = await db.pool.connect();
  await client.query(`SET lock_timeout = '${LOCK_TIMEOUT}'`);
  return client;
}

describe('one owner’s open write transaction', () => {
  it('keeps no other owner waiting: their inserts, updates and deletes complete meanwhile', async () => {
    const [ada, bob] = [await ownerWithFeed(null), await ownerWithFeed('bob@example.com')];
    const adas = await db.prisma.todo.create({ data: { ownerId: ada, title: 'Ada’s' } });

    const writer = await db.pool.connect();
    const other = await impatientConnection();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE todos SET title = 'Ada’s, edited' WHERE id = $1`, [adas.id]);

      const {
        rows: [inserted],
      } = await other.query<{ id: number }>(
        'INSERT INTO todos (owner_id, title, updated_at) VALUES ($1, $2, now()) RETURNING id',
        [bob, 'Bob’s'],
      );
      await other.query(`UPDATE todos SET completed = true WHERE id = $1`, [inserted!.id]);
      await other.query('INSERT INTO todos (owner_id, title, updated_at) VALUES ($1, $2, now())', [
        bob,
        'Bob’s second',
      ]);
      await other.query('DELETE FROM todos WHERE id = $1', [inserted!.id]);

      await writer.query('COMMIT');
    } finally {
      writer.release(true);
      other.release(true);
    }
    const titles = await db.prisma.todo.findMany({ select: { ownerId: true, title: true } });
    expect(titles).toEqual(
      expect.arrayContaining([
        { ownerId: ada, title: 'Ada’s, edited' },
        { ownerId: bob, title: 'Bob’s second' },
      ]),
    );
    expect(titles).toHaveLength(2);
  });

  it('holds no lock at all when its update changes nothing', async () => {
    const ada = await ownerWithFeed('ada@example.com');
    const adas = await db.prisma.todo.create({ data: { ownerId: ada, title: 'Ada’s' } });

    const writer = await db.pool.connect();
    const other = await impatientConnection();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE todos SET title = 'Ada’s', updated_at = now() WHERE id = $1`, [
        adas.id,
      ]);
      // Ada's own next write goes through: her row of owner_revisions is free.
      await other.query('INSERT INTO todos (owner_id, title, updated_at) VALUES ($1, $2, now())', [
        ada,
        'Ada’s second',
      ]);
      await writer.query('COMMIT');
    } finally {
      writer.release(true);
      other.release(true);
    }
    expect(await db.prisma.todo.count({ where: { ownerId: ada } })).toBe(2);
  });
});
