/**
 * Scale-out on one machine: the calendar export under load with 1, 2 and 4
 * worker processes and 1 and 2 API processes (HAProxy in front of 2), all on
 * one embedded PostgreSQL as `npm start` runs it. Each of BENCH_EXPORTS (1,000)
 * exports follows a todo edit, as a user's would, and asks for a deadline window
 * of its own: a windowed selection is never served from an earlier calendar
 * (an edit alone is not enough when 50 run at once: an export started after
 * another's edit makes the calendar that other one then reuses), so a worker
 * renders every export. 50 clients keep 50 exports in flight, each waiting for
 * its export's SUCCESS (the status request waits for the end).
 * Reports exports/s, submit → SUCCESS p50/p99, and the CPU that each kind of
 * process used per export; writes results/scale-out.json and results/scale-out.svg.
 * Needs Debian's haproxy (`apt-get install -y haproxy`).
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { startCluster, type Cluster } from './cluster.js';
import { cpuTimes, cpuUsedBetween, type CpuKind } from './cpu-split.js';
import { exportClient } from './export-client.js';
import { report, writeResult } from './report.js';
import { seedTodos } from './seed.js';
import { scaleOutChart } from './scale-out-chart.js';
import { percentile, round } from './statistics.js';

const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 1000);
const WARM_UP = 100;
const IN_FLIGHT = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** API × worker processes: every pair of 1, 2 × 1, 2, 4 unless BENCH_CONFIGS (say, `1x1,2x4`) says which. */
const CONFIGS = (
  process.env.BENCH_CONFIGS?.split(',') ?? ['1x1', '1x2', '1x4', '2x1', '2x2', '2x4']
).map((config) => {
  const [apis, workers] = config.split('x').map(Number);
  return { apis: apis!, workers: workers! };
});
const KINDS: CpuKind[] = ['api', 'worker', 'postgres', 'loadBalancer', 'client'];

const env = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  EXPORT_RATE_LIMIT_PER_MINUTE: '1000000',
};

export interface Run {
  exportsPerS: number;
  p50: number;
  p99: number;
  /** CPU ms per export, by kind of process. */
  cpuMs: Record<CpuKind, number>;
  /** Cores busy on average: ours (the processes above) and the whole machine's (others' work too). */
  coresOurs: number;
  coresMachine: number;
  /** Write transactions (xids) and WAL bytes per export. */
  writeTransactions: number;
  walBytes: number;
  /** Exports a worker rendered (not served from an earlier calendar). */
  rendered: number;
  /** Median wait in the queue (created → started) and rendering (started → finished), ms, by the database's clock. */
  queuedMs: number;
  renderMs: number;
}

/** `total` exports, `IN_FLIGHT` at a time, each after a todo edit; the submit → SUCCESS times. */
async function exportLoad(cluster: Cluster, total: number): Promise<number[]> {
  const { runExport, editTodo } = exportClient(cluster.url);
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < total) {
        // Every seeded todo is due within a day (past deadlines included): each window selects all 100.
        const window = ++next;
        await editTodo();
        latencies.push((await runExport(false, { window })).success);
      }
    }),
  );
  return latencies;
}

async function measure(cluster: Cluster): Promise<Run> {
  await seedTodos(cluster.databaseUrl, 100);
  await exportLoad(cluster, WARM_UP); // JIT, pools, caches
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  // Each reading takes one xid itself: counted once per phase, out of ~thousands.
  const position = async () =>
    (
      await db.query<{ xid: string; lsn: string; now: Date }>(
        'SELECT pg_current_xact_id()::text AS xid, pg_current_wal_lsn()::text AS lsn, now()',
      )
    ).rows[0]!;
  try {
    const before = await position();
    const cpuBefore = cpuTimes(cluster.kinds);
    const started = performance.now();
    const latencies = await exportLoad(cluster, EXPORTS);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuUsedBetween(cpuBefore, cpuTimes(cluster.kinds));
    const after = await position();
    const { rows } = await db.query<{
      wal: string;
      rendered: number;
      queued: number;
      render: number;
    }>(
      `SELECT pg_wal_lsn_diff($2::pg_lsn, $1::pg_lsn)::text AS wal,
              count(*) FILTER (WHERE started_at > created_at)::int AS rendered,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) * 1000 AS queued,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) * 1000 AS render
         FROM calendar_exports WHERE created_at >= $3`,
      [before.lsn, after.lsn, before.now],
    );
    const stats = rows[0]!;
    const ours = KINDS.reduce((sum, kind) => sum + cpu[kind], 0);
    return {
      exportsPerS: EXPORTS / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      cpuMs: Object.fromEntries(KINDS.map((kind) => [kind, cpu[kind] / EXPORTS])) as Run['cpuMs'],
      coresOurs: ours / 1000 / seconds,
      // /proc/stat counts every core: busy share of the total, times the cores.
      coresMachine: (cpu.machineBusy / cpu.machineTotal) * availableParallelism(),
      writeTransactions: (Number(after.xid) - Number(before.xid) - 1) / EXPORTS,
      walBytes: Number(stats.wal) / EXPORTS,
      rendered: stats.rendered,
      queuedMs: stats.queued,
      renderMs: stats.render,
    };
  } finally {
    await db.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const runs = new Map(CONFIGS.map((config) => [config, [] as Run[]]));
// Configurations take turns, round after round: whatever else the shared machine does weighs on all alike.
for (let r = 0; r < ROUNDS; r++) {
  for (const config of CONFIGS) {
    const cluster = await startCluster(config.apis, config.workers, env);
    try {
      const run = await measure(cluster);
      runs.get(config)!.push(run);
      console.error(
        `round ${r + 1}: ${config.apis} API × ${config.workers} workers: ${round(run.exportsPerS)} exports/s, p50 ${round(run.p50)} ms, p99 ${round(run.p99)} ms`,
      );
    } finally {
      await cluster.stop();
    }
  }
}

/** Per configuration, the median of each figure over its rounds. */
const medians = CONFIGS.map((config) => {
  const of = (pick: (run: Run) => number) => median(runs.get(config)!.map(pick));
  return {
    ...config,
    exportsPerS: of((r) => r.exportsPerS),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    cpuMs: Object.fromEntries(
      KINDS.map((kind) => [kind, of((r) => r.cpuMs[kind])]),
    ) as Run['cpuMs'],
    coresOurs: of((r) => r.coresOurs),
    coresMachine: of((r) => r.coresMachine),
    writeTransactions: of((r) => r.writeTransactions),
    walBytes: of((r) => r.walBytes),
    rendered: of((r) => r.rendered),
    queuedMs: of((r) => r.queuedMs),
    renderMs: of((r) => r.renderMs),
  };
});

report(
  'scale-out',
  medians.map((m) => ({
    'API × workers': `${m.apis} × ${m.workers}`,
    'exports/s': round(m.exportsPerS),
    'p50 ms': round(m.p50),
    'p99 ms': round(m.p99),
    'CPU ms/export API': round(m.cpuMs.api),
    worker: round(m.cpuMs.worker),
    postgres: round(m.cpuMs.postgres),
    haproxy: round(m.cpuMs.loadBalancer),
    client: round(m.cpuMs.client),
    'cores busy (ours/machine)': `${m.coresOurs.toFixed(2)} / ${m.coresMachine.toFixed(2)}`,
    'queued/render ms': `${round(m.queuedMs)} / ${round(m.renderMs)}`,
    'xacts/export': round(m.writeTransactions),
    'WAL KB/export': round(m.walBytes / 1024),
    rendered: `${m.rendered}/${EXPORTS}`,
  })),
  { exports: EXPORTS, inFlight: IN_FLIGHT, rounds: ROUNDS, medians, runs: [...runs.entries()] },
);
console.log(
  `chart written to ${writeResult('scale-out.svg', scaleOutChart(medians, EXPORTS, IN_FLIGHT))}`,
);
