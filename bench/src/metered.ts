import pg from 'pg';
import type { Cluster } from './cluster.js';
import { cpuTimes, cpuUsedBetween, type CpuTimes } from './cpu-split.js';

export interface Metered<T> {
  result: T;
  seconds: number;
  /** CPU ms that each kind of process used meanwhile. */
  cpu: CpuTimes;
  /** Transactions that wrote (took an xid), and WAL bytes written. */
  writeTransactions: number;
  walBytes: number;
  /** When it began, by the database's clock. */
  startedAt: Date;
  /** Mean number of database sessions waiting for a lock (sampled every 20 ms), in all and by lock type. */
  lockWaiters: number;
  lockWaitersBy: Record<string, number>;
}

const SAMPLE_MS = 20;

/**
 * Runs `work` on `cluster` and returns what it returned with what it cost:
 * wall time, CPU by kind of process, write transactions, WAL, lock waits.
 */
export async function metered<T>(cluster: Cluster, work: () => Promise<T>): Promise<Metered<T>> {
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  try {
    // Each reading takes one xid itself (subtracted).
    const position = async () =>
      (
        await db.query<{ xid: string; lsn: string; now: Date }>(
          'SELECT pg_current_xact_id()::text AS xid, pg_current_wal_lsn()::text AS lsn, now()',
        )
      ).rows[0]!;
    const before = await position();
    const cpuBefore = cpuTimes(cluster.kinds);
    const started = performance.now();
    let done = false;
    // Lock type (wait_event: `transactionid` a row another transaction wrote, `object` NOTIFY's
    // commit lock, …) → sessions seen waiting, summed over the samples.
    const waiting = new Map<string, number>();
    let samples = 0;
    const sampling = (async () => {
      for (; !done; samples++) {
        const { rows } = await db.query<{ wait_event: string; n: number }>(
          `SELECT wait_event, count(*)::int AS n FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' GROUP BY wait_event`,
        );
        for (const { wait_event, n } of rows)
          waiting.set(wait_event, (waiting.get(wait_event) ?? 0) + n);
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
    let result: T;
    try {
      result = await work();
    } finally {
      done = true;
      await sampling;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuUsedBetween(cpuBefore, cpuTimes(cluster.kinds));
    const after = await position();
    const { rows } = await db.query<{ wal: string }>(
      'SELECT pg_wal_lsn_diff($2::pg_lsn, $1::pg_lsn)::text AS wal',
      [before.lsn, after.lsn],
    );
    return {
      result,
      seconds,
      cpu,
      writeTransactions: Number(after.xid) - Number(before.xid) - 1,
      walBytes: Number(rows[0]!.wal),
      startedAt: before.now,
      lockWaiters: [...waiting.values()].reduce((sum, n) => sum + n, 0) / Math.max(samples, 1),
      lockWaitersBy: Object.fromEntries(
        [...waiting].map(([event, n]) => [event, n / Math.max(samples, 1)]),
      ),
    };
  } finally {
    await db.end();
  }
}
