import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_EMAIL, LOCAL_OWNER_ID, migrate, readMigrations } from '../src/index.js';
import { useUnmigratedDatabase } from './helpers/unmigrated-database.js';

const ACCOUNTS_MIGRATION = '20261210000000_accounts';

const db = useUnmigratedDatabase();

describe('the accounts migration', () => {
  it('gives the rows made before it to the local owner, whom it creates with the documented id', async () => {
    const migrations = readMigrations();
    const index = migrations.findIndex((migration) => migration.name === ACCOUNTS_MIGRATION);
    expect(index).toBeGreaterThan(0);
    await migrate(db.database.url, migrations.slice(0, index));
    await db.client.query(
      `INSERT INTO todos (title, updated_at) VALUES ('before accounts', now())`,
    );
    await db.client.query(
      `INSERT INTO calendar_exports (max_attempts, idempotency_key) VALUES (1, 'k')`,
    );

    await migrate(db.database.url, migrations);
    const { rows: users } = await db.client.query(
      'SELECT id, email, role, password_hash FROM users',
    );
    expect(users).toEqual([
      { id: LOCAL_OWNER_ID, email: LOCAL_OWNER_EMAIL, role: 'owner', password_hash: null },
    ]);
    const { rows: owners } = await db.client.query(
      'SELECT (SELECT owner_id FROM todos) AS todo, (SELECT owner_id FROM calendar_exports) AS export',
    );
    expect(owners).toEqual([{ todo: LOCAL_OWNER_ID, export: LOCAL_OWNER_ID }]);
  });

  it('stores emails normalised only, so that their uniqueness ignores case', async () => {
    await migrate(db.database.url);
    await expect(
      db.client.query(`INSERT INTO users (email) VALUES ('Ada@Example.com')`),
    ).rejects.toThrow(/users_email_normalised/);
    await db.client.query(`INSERT INTO users (email) VALUES ('ada@example.com')`);
    await expect(
      db.client.query(`INSERT INTO users (email) VALUES ('ada@example.com')`),
    ).rejects.toThrow(/users_email_key/);
  });
});
