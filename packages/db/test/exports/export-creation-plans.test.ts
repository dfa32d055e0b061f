import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID, createDatabasePool, createExportStore } from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * An export is written with its job in a transaction that plans each
 * statement once per connection: PostgreSQL would otherwise plan the creation
 * anew for most exports (its custom plans, the values folded in, look
 * cheaper), and graphile-worker's `add_jobs` statements for every one.
 */
const db = useTestPrisma();
let pool: ReturnType<typeof createDatabasePool>;
beforeAll(() => {
  // One connection, so that what it has prepared can be asked on it.
  pool = createDatabasePool(db.pool.options.connectionString!, { poolSize: 1 });
});
afterAll(() => pool.end());

describe('creating exports', () => {
  it('plans the statement once for all of them, with or without a quota', async () => {
    const store = createExportStore(pool, { exportTtlMs: 60_000 });
    for (let i = 0; i < 8; i++)
      await store.create({
        ownerId: LOCAL_OWNER_ID,
        selection: i % 2 === 0 ? {} : { completed: true, window: 7 },
        maxAttempts: 3,
        activeQuota: i < 4 ? null : 100,
      });
    const { rows } = await pool.query<{ generic_plans: string; custom_plans: string }>(
      `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'create-calendar-export'`,
    );
    expect(rows).toEqual([{ generic_plans: '8', custom_plans: '0' }]);
    const { rows: jobs } = await pool.query('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    expect(jobs).toEqual([{ n: 8 }]);
  });

  it('leaves the connection planning as it did for whatever comes next', async () => {
    const { rows } = await pool.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
    expect(rows).toEqual([{ plan_cache_mode: 'auto' }]);
  });
});
