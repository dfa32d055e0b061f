import pg from 'pg';

/**
 * Whose row a lock wait was for. The database cannot say which owner a
 * session works for (the API's pooled connections serve everyone), so the
 * row says it: a row with an `owner_id` (or a `users` row) is that owner's,
 * and two sessions that wait on it both write that owner's data; a row without
 * one (a row every owner's writes touch) is shared between owners.
 */
export type WaitClass =
  "one owner's row" | 'row shared between owners' | 'row not known' | 'not a row lock';

export interface LockWait {
  locktype: string;
  mode: string;
  /** The table (or index) the lock or the row waited for is in; else the tables the waiting session writes, or '-'. */
  relation: string;
  class: WaitClass;
  /** Waiting sessions seen, summed over the samples. */
  seen: number;
  /** Distinct owners whose rows were waited for. */
  owners: number;
  /** What one waiting session was running, and one session it waited for. */
  query: string;
  blockerQuery: string;
}

export interface LockWaits {
  samples: number;
  /** By lock type, mode, relation and class, most seen first. */
  waits: LockWait[];
  /** Sessions of other kinds of wait (LWLock, IO, …) seen among the active ones: `type:event` → summed over the samples. */
  waitEvents: Record<string, number>;
}

const SAMPLE_MS = 20;

// Every lock a session waits for, with the row it concerns: a `tuple` lock names the row; a
// session waiting for a `transactionid` (the transaction that wrote the row) holds the row's
// tuple lock meanwhile, but an insert waiting on a unique index's entry holds none: then the
// tables it writes are named.
const WAITING = `
  SELECT w.pid, w.locktype, w.mode,
         coalesce(w.relation, t.relation)::regclass::text AS relation,
         CASE WHEN w.locktype = 'tuple' THEN format('(%s,%s)', w.page, w.tuple)
              WHEN t.relation IS NOT NULL THEN format('(%s,%s)', t.page, t.tuple) END AS ctid,
         (SELECT string_agg(DISTINCT r.relation::regclass::text, ', ')
            FROM pg_locks r JOIN pg_class k ON k.oid = r.relation
           WHERE r.pid = w.pid AND r.locktype = 'relation' AND r.mode = 'RowExclusiveLock'
             AND k.relkind IN ('r', 'p')) AS writing,
         left(a.query, 160) AS query,
         (SELECT left(b.query, 160) FROM pg_stat_activity b
           WHERE b.pid = (pg_blocking_pids(w.pid))[1]) AS blocker_query
    FROM pg_locks w
    JOIN pg_stat_activity a USING (pid)
    LEFT JOIN LATERAL (
      SELECT relation, page, tuple FROM pg_locks t
       WHERE t.pid = w.pid AND t.locktype = 'tuple' AND t.granted LIMIT 1) t
      ON w.locktype = 'transactionid'
   WHERE NOT w.granted`;

const WAIT_EVENTS = `
  SELECT wait_event_type || ':' || wait_event AS event, count(*)::int AS n
    FROM pg_stat_activity
   WHERE state = 'active' AND wait_event_type NOT IN ('Lock', 'Client', 'Activity')
     AND pid <> pg_backend_pid()
   GROUP BY 1`;

/**
 * Samples the database at `databaseUrl` every 20 ms, from now until the
 * returned `stop` is called, which answers with the lock waits seen.
 */
export async function sampleLockWaits(
  databaseUrl: string,
): Promise<{ stop(): Promise<LockWaits> }> {
  const db = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'bench lock sampler',
  });
  await db.connect();
  const ownerColumns = new Map<string, string | null>();
  /** The column that names a row's owner in `relation`, or null. */
  const ownerColumn = async (relation: string) => {
    if (!ownerColumns.has(relation)) {
      const { rows } = await db.query<{ column: string }>(
        `SELECT attname AS column FROM pg_attribute
          WHERE attrelid = $1::regclass AND attname IN ('owner_id', 'user_id') AND NOT attisdropped`,
        [relation],
      );
      ownerColumns.set(relation, relation === 'users' ? 'id' : (rows[0]?.column ?? null));
    }
    return ownerColumns.get(relation)!;
  };
  /** Its owner's id; undefined when the row version is gone (its writer committed since). */
  const ownerOf = async (relation: string, ctid: string, column: string) => {
    const { rows } = await db
      .query<{ owner: string }>(
        `SELECT ${pg.escapeIdentifier(column)}::text AS owner FROM ${relation} WHERE ctid = $1::tid`,
        [ctid],
      )
      .catch(() => ({ rows: [] as { owner: string }[] })); // an index, a table we may not read
    return rows[0]?.owner;
  };

  const waits = new Map<string, LockWait & { ownerIds: Set<string> }>();
  const waitEvents: Record<string, number> = {};
  let samples = 0;
  let running = true;
  const sampling = (async () => {
    for (; running; samples++) {
      const sampled = performance.now();
      const { rows } = await db.query<{
        locktype: string;
        mode: string;
        relation: string | null;
        ctid: string | null;
        writing: string | null;
        query: string;
        blocker_query: string | null;
      }>(WAITING);
      for (const row of rows) {
        let waitClass: WaitClass = 'not a row lock';
        let owner: string | undefined;
        if (row.locktype === 'tuple' || row.locktype === 'transactionid') {
          const column = row.relation && (await ownerColumn(row.relation));
          if (!row.relation || !row.ctid) waitClass = 'row not known';
          else if (!column) waitClass = 'row shared between owners';
          else {
            waitClass = "one owner's row";
            owner = await ownerOf(row.relation, row.ctid, column);
          }
        }
        const relation =
          row.relation ?? (row.writing ? `one of the tables it writes: ${row.writing}` : '-');
        const key = [row.locktype, row.mode, relation, waitClass].join('|');
        const wait = waits.get(key) ?? {
          locktype: row.locktype,
          mode: row.mode,
          relation,
          class: waitClass,
          seen: 0,
          owners: 0,
          query: row.query,
          blockerQuery: row.blocker_query ?? '',
          ownerIds: new Set<string>(),
        };
        wait.seen++;
        if (owner) wait.ownerIds.add(owner);
        waits.set(key, wait);
      }
      for (const { event, n } of (await db.query<{ event: string; n: number }>(WAIT_EVENTS)).rows)
        waitEvents[event] = (waitEvents[event] ?? 0) + n;
      // One each SAMPLE_MS when the machine allows: the time the sample took counts.
      const wait = SAMPLE_MS - (performance.now() - sampled);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    }
  })();
  return {
    async stop() {
      running = false;
      await sampling.finally(() => db.end());
      return {
        samples,
        waits: [...waits.values()]
          .map(({ ownerIds, ...wait }) => ({ ...wait, owners: ownerIds.size }))
          .sort((a, b) => b.seen - a.seen),
        waitEvents,
      };
    },
  };
}
