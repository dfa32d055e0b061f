import pg from 'pg';

/** Replaces every todo of the database at `databaseUrl` with `count` benchmark todos, each with a deadline. */
export async function seedTodos(databaseUrl: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('TRUNCATE todos RESTART IDENTITY');
    await client.query(
      `INSERT INTO todos (title, description, deadline_at, updated_at)
       SELECT 'Todo ' || n, 'Benchmark todo number ' || n || ', with a comma; and a semicolon',
              timestamp '2026-12-01 09:00:00' + n * interval '1 minute', now()
       FROM generate_series(1, $1::int) AS n`,
      [count],
    );
    // What autovacuum does within a minute of a bulk insert: the planner then knows the table's
    // size. Without it, an export started in that minute gets plans made for an empty table.
    await client.query('ANALYZE todos');
  } finally {
    await client.end();
  }
}
