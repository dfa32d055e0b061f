import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID, createCalendarExport, createDatabasePool } from '../src/index.js';
import { migrateUpToWithTwoOwners, useUnmigratedDatabase } from './helpers/unmigrated-database.js';

const OWNER_REVISIONS_MIGRATION = '20261215000000_owner_revisions';

const db = useUnmigratedDatabase();

describe('the owner revisions migration', () => {
  it('starts every owner and every todo at the global revision, so the calendars made at it stay reusable', async () => {
    const { bob, migrateAll } = await migrateUpToWithTwoOwners(db, OWNER_REVISIONS_MIGRATION, [
      'mine',
    ]);
    const global = await db.client.query<{ revision: string }>(
      'SELECT revision::text FROM todos_revision',
    );
    const { revision } = global.rows[0]!;
    // A calendar made at the current revision, and one made before it.
    await db.client.query(
      `INSERT INTO calendar_exports (owner_id, max_attempts, status, content, content_sha256, todos_revision)
       VALUES ($1, 1, 'SUCCESS', '\\x01', repeat('a', 64), $2::bigint),
              ($1, 1, 'SUCCESS', '\\x01', repeat('b', 64), $2::bigint - 1)`,
      [LOCAL_OWNER_ID, revision],
    );

    await migrateAll();
    const owners = await db.client.query('SELECT owner_id, revision::text FROM owner_revisions');
    expect(owners.rows).toEqual(
      expect.arrayContaining([
        { owner_id: LOCAL_OWNER_ID, revision },
        { owner_id: bob, revision },
      ]),
    );
    expect(owners.rows).toHaveLength(2);
    const todos = await db.client.query('SELECT DISTINCT revision::text FROM todos');
    expect(todos.rows).toEqual([{ revision }]);

    const pool = createDatabasePool(db.database.url);
    try {
      const reused = await createCalendarExport(
        pool,
        { ownerId: LOCAL_OWNER_ID, selection: {}, maxAttempts: 1 },
        60_000,
      );
      expect(reused).toMatchObject({ status: 'SUCCESS', contentSha256: 'a'.repeat(64) });
      // Bob's first change moves his revision only.
      await db.client.query(
        `INSERT INTO todos (owner_id, title, updated_at) VALUES ($1, 'new', now())`,
        [bob],
      );
      const again = await createCalendarExport(
        pool,
        { ownerId: LOCAL_OWNER_ID, selection: {}, maxAttempts: 1 },
        60_000,
      );
      expect(again.status).toBe('SUCCESS');
    } finally {
      await pool.end();
    }
  });
});
