import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Sql } from 'sql-template-tag';

/**
 * What the export store runs on: node-postgres, not Prisma, so that the
 * worker (which needs nothing else of the database) does not load Prisma's
 * query compiler (some 80 MB of memory). A pool, or the client of a
 * transaction that a statement must join.
 */
export type Database = pg.Pool | pg.PoolClient;

/** The rows of a statement (a `sql` template, or a {@link prepared} one). */
export async function rows<Row extends object>(
  db: Database,
  statement: Sql | pg.QueryConfig,
): Promise<Row[]> {
  return (await db.query<Row>(statement)).rows;
}

/**
 * `statement` as a named prepared statement: parsed and planned once per
 * connection instead of at every call. For a statement that runs on every
 * request and whose text never varies (only its values): a large one costs
 * PostgreSQL more to plan than to run.
 */
export function prepared(name: string, statement: Sql): pg.QueryConfig {
  return { name, text: statement.text, values: statement.values };
}

/**
 * `statement` prepared under a name taken from its text: for a statement run
 * on every request whose text takes one of a few shapes (a selection's
 * conditions), each shape then planned once per connection.
 */
export function preparedByShape(statement: Sql): pg.QueryConfig {
  const shape = createHash('sha1').update(statement.text).digest('base64url');
  return prepared(`shape-${shape}`, statement);
}

/**
 * What a transaction may set for itself alone (`SET LOCAL`), by name: values
 * written in the code, never taken from input.
 */
export type TransactionSettings = Record<string, string>;

/**
 * Each statement of the transaction is planned once per connection, for any
 * values: PostgreSQL otherwise plans a prepared statement anew each time its
 * custom plan (the values folded in) looks cheaper than its generic one, which
 * graphile-worker's `add_jobs` statements and the creation of an export always
 * did, for most of PostgreSQL's time per export.
 */
export const GENERIC_PLANS: TransactionSettings = { plan_cache_mode: 'force_generic_plan' };

/**
 * Runs `work` in a transaction on one connection of the pool: committed when
 * it returns, rolled back when it throws; `settings` hold for it alone (set in
 * the same round trip as BEGIN).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (tx: pg.PoolClient) => Promise<T>,
  settings: TransactionSettings = {},
): Promise<T> {
  const client = await pool.connect();
  // A connection whose rollback failed is broken: the pool drops it rather than lend it again.
  let broken: Error | undefined;
  try {
    await client.query(
      [
        'BEGIN',
        ...Object.entries(settings).map(([name, value]) => `SET LOCAL ${name} = '${value}'`),
      ].join('; '),
    );
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
