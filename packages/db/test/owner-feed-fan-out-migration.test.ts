import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID } from '../src/index.js';
import { migrateUpToWithTwoOwners, useUnmigratedDatabase } from './helpers/unmigrated-database.js';

const FAN_OUT_MIGRATION = '20261216000000_owner_feed_fan_out';

const db = useUnmigratedDatabase();

describe('the owner feed fan-out migration', () => {
  it('counts each owner’s existing todos and feeds, and leaves every feed to render', async () => {
    const { bob, migrateAll } = await migrateUpToWithTwoOwners(db, FAN_OUT_MIGRATION, [
      'mine',
      'mine too',
    ]);
    await db.client.query(
      `INSERT INTO calendar_feeds (owner_id, name, secret_sha256) VALUES ($1, 'all', repeat('a', 64))`,
      [bob],
    );

    await migrateAll();
    const owners = await db.client.query(
      'SELECT owner_id, todo_count, feed_count FROM owner_revisions ORDER BY todo_count',
    );
    expect(owners.rows).toEqual([
      { owner_id: bob, todo_count: 1, feed_count: 1 },
      { owner_id: LOCAL_OWNER_ID, todo_count: 2, feed_count: 0 },
    ]);
    const feeds = await db.client.query('SELECT rendered_revision FROM calendar_feeds');
    expect(feeds.rows).toEqual([{ rendered_revision: null }]);
  });
});
