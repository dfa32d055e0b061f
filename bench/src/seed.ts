import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import pg from 'pg';

/**
 * Replaces every todo of the database at `databaseUrl` with `count` benchmark
 * todos of each of `ownerIds` (the local owner by default), each with a
 * deadline; returns each owner's todo ids.
 */
export async function seedTodos(
  databaseUrl: string,
  count: number,
  ownerIds: string[] = [LOCAL_OWNER_ID],
): Promise<Map<string, number[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('TRUNCATE todos RESTART IDENTITY');
    const { rows } = await client.query<{ owner_id: string; ids: number[] }>(
      `WITH seeded AS (
         INSERT INTO todos (owner_id, title, description, deadline_at, updated_at)
         SELECT owner, 'Todo ' || n, 'Benchmark todo number ' || n || ', with a comma; and a semicolon',
                timestamp '2026-12-01 09:00:00' + n * interval '1 minute', now()
           FROM unnest($2::uuid[]) AS owner, generate_series(1, $1::int) AS n
         RETURNING owner_id, id)
       SELECT owner_id, array_agg(id ORDER BY id) AS ids FROM seeded GROUP BY owner_id`,
      [count, ownerIds],
    );
    // What autovacuum does within a minute of a bulk insert: the planner then knows the table's
    // size. Without it, an export started in that minute gets plans made for an empty table.
    await client.query('ANALYZE todos');
    return new Map(rows.map(({ owner_id, ids }) => [owner_id, ids]));
  } finally {
    await client.end();
  }
}
