import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID, migrate, readMigrations } from '../src/index.js';
import { useUnmigratedDatabase } from './helpers/unmigrated-database.js';

const FAN_OUT_MIGRATION = '20261216000000_owner_feed_fan_out';

const db = useUnmigratedDatabase();

describe('the owner feed fan-out migration', () => {
  it('counts each owner’s existing todos and feeds, and leaves every feed to render', async () => {
    const migrations = readMigrations();
    const index = migrations.findIndex(({ name }) => name === FAN_OUT_MIGRATION);
    expect(index).toBeGreaterThan(0);
    await migrate(db.database.url, migrations.slice(0, index));
    const {
      rows: [bob],
    } = await db.client.query<{ id: string }>(
      `INSERT INTO users (email) VALUES ('bob@example.com') RETURNING id::text`,
    );
    await db.client.query(
      `INSERT INTO todos (owner_id, title, updated_at)
       VALUES ($1, 'mine', now()), ($1, 'mine too', now()), ($2, 'Bob’s', now())`,
      [LOCAL_OWNER_ID, bob!.id],
    );
    await db.client.query(
      `INSERT INTO calendar_feeds (owner_id, name, secret_sha256) VALUES ($1, 'all', repeat('a', 64))`,
      [bob!.id],
    );

    await migrate(db.database.url, migrations);
    const owners = await db.client.query(
      'SELECT owner_id, todo_count, feed_count FROM owner_revisions ORDER BY todo_count',
    );
    expect(owners.rows).toEqual([
      { owner_id: bob!.id, todo_count: 1, feed_count: 1 },
      { owner_id: LOCAL_OWNER_ID, todo_count: 2, feed_count: 0 },
    ]);
    const feeds = await db.client.query('SELECT rendered_revision FROM calendar_feeds');
    expect(feeds.rows).toEqual([{ rendered_revision: null }]);
  });
});
