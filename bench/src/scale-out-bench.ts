/**
 * Scale-out on one machine: the calendar export under load with 1, 2 and 4
 * worker processes and 1 and 2 API processes (HAProxy in front of 2), all on
 * one embedded PostgreSQL as `npm start` runs it, in AUTH_MODE=accounts.
 * BENCH_USERS (50) users each keep one export in flight: edit one of their
 * 100 todos, export, wait for SUCCESS (the status request waits for the end),
 * again, BENCH_EXPORTS (1,000) in all. The edit means that no export can reuse
 * an earlier calendar: a worker renders every one.
 * (Not one user's 50 at once: that measures the fair queue, which
 * `npm run bench:fairness` does.)
 * Reports exports/s, submit → SUCCESS p50/p99 and the CPU that each kind of
 * process used per export, the median of BENCH_ROUNDS (3) rounds; then, on
 * 1 API × 1 worker, what the todo requests a user makes most cost: the figures
 * docs/capacity.md is worked out from. Writes results/scale-out.json and .svg.
 * Needs Debian's haproxy (`apt-get install -y haproxy`).
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { ACCOUNTS_ENV, signUpMany } from './accounts.js';
import { startCluster, type Cluster } from './cluster.js';
import type { CpuKind } from './cpu-split.js';
import { exportClient } from './export-client.js';
import { metered } from './metered.js';
import { report, writeResult } from './report.js';
import { requestCosts } from './request-costs.js';
import { scaleOutChart } from './scale-out-chart.js';
import { seedTodos } from './seed.js';
import { percentile, round } from './statistics.js';

const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 1000);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const WARM_UP = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUEST_SECONDS = Number(process.env.BENCH_DURATION_S ?? 10);
/** API × worker processes: every pair of 1, 2 × 1, 2, 4 unless BENCH_CONFIGS (say, `1x1,2x4`) says which. */
const CONFIGS = (
  process.env.BENCH_CONFIGS?.split(',') ?? ['1x1', '1x2', '1x4', '2x1', '2x2', '2x4']
).map((config) => {
  const [apis, workers] = config.split('x').map(Number);
  return { apis: apis!, workers: workers! };
});
const KINDS: CpuKind[] = ['api', 'worker', 'postgres', 'loadBalancer', 'client'];

const env = {
  ...ACCOUNTS_ENV,
  // Every request comes from 127.0.0.1: per-client limits would measure themselves.
  EXPORT_RATE_LIMIT_PER_MINUTE: '1000000',
  SIGN_UP_LIMIT_PER_CLIENT: '1000000',
  // What requests cost, not where a user's limits stop them (bench:noisy-neighbour measures those).
  WRITE_RATE_PER_SECOND: '1000000',
  WRITE_BURST: '1000000',
  QUOTA_TODOS: '10000000',
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
  lockWaiters: number;
  lockWaitersBy: Record<string, number>;
  /** Exports a worker rendered (not served from an earlier calendar). */
  rendered: number;
  /** Median wait in the queue (created → started) and rendering (started → finished), ms, by the database's clock. */
  queuedMs: number;
  renderMs: number;
}

type User = ReturnType<typeof exportClient> & {
  headers: Record<string, string>;
  todoIds: number[];
};

/** USERS new accounts, each with 100 todos of their own. */
async function createUsers(cluster: Cluster): Promise<User[]> {
  const accounts = await signUpMany(cluster.url, USERS);
  const todoIds = await seedTodos(
    cluster.databaseUrl,
    100,
    accounts.map(({ id }) => id),
  );
  return accounts.map(({ id, headers }) => ({
    ...exportClient(cluster.url, headers, todoIds.get(id)),
    headers,
    todoIds: todoIds.get(id)!,
  }));
}

/** `total` exports, one in flight per user, each after an edit of that user's; the submit → SUCCESS times. */
async function exportLoad(users: User[], total: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    users.map(async ({ editTodo, runExport }) => {
      while (next++ < total) {
        await editTodo();
        latencies.push((await runExport(false)).success);
      }
    }),
  );
  return latencies;
}

async function measure(cluster: Cluster): Promise<Run> {
  const users = await createUsers(cluster);
  await exportLoad(users, WARM_UP); // JIT, pools, caches
  const run = await metered(cluster, () => exportLoad(users, EXPORTS));
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  const { rows } = await db
    .query<{ rendered: number; queued: number; render: number }>(
      `SELECT count(*) FILTER (WHERE started_at > created_at)::int AS rendered,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) * 1000 AS queued,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) * 1000 AS render
         FROM calendar_exports WHERE created_at >= $1`,
      [run.startedAt],
    )
    .finally(() => db.end());
  const ours = KINDS.reduce((sum, kind) => sum + run.cpu[kind], 0);
  return {
    exportsPerS: EXPORTS / run.seconds,
    p50: percentile(run.result, 50),
    p99: percentile(run.result, 99),
    cpuMs: Object.fromEntries(KINDS.map((kind) => [kind, run.cpu[kind] / EXPORTS])) as Run['cpuMs'],
    coresOurs: ours / 1000 / run.seconds,
    // /proc/stat counts every core: the busy share of the total, times the cores.
    coresMachine: (run.cpu.machineBusy / run.cpu.machineTotal) * availableParallelism(),
    writeTransactions: run.writeTransactions / EXPORTS,
    walBytes: run.walBytes / EXPORTS,
    lockWaiters: run.lockWaiters,
    lockWaitersBy: run.lockWaitersBy,
    rendered: rows[0]!.rendered,
    queuedMs: rows[0]!.queued,
    renderMs: rows[0]!.render,
  };
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

const FIGURES = [
  'exportsPerS',
  'p50',
  'p99',
  'coresOurs',
  'coresMachine',
  'writeTransactions',
  'walBytes',
  'lockWaiters',
  'rendered',
  'queuedMs',
  'renderMs',
] as const satisfies (keyof Run)[];

/** Per configuration, the median of each figure over its rounds. */
const medians = CONFIGS.map((config) => {
  const of = (pick: (run: Run) => number) => median(runs.get(config)!.map(pick));
  return {
    ...config,
    ...(Object.fromEntries(FIGURES.map((key) => [key, of((r) => r[key])])) as Omit<
      Run,
      'cpuMs' | 'lockWaitersBy'
    >),
    cpuMs: Object.fromEntries(
      KINDS.map((kind) => [kind, of((r) => r.cpuMs[kind])]),
    ) as Run['cpuMs'],
  };
});

const costsCluster = await startCluster(1, 1, env);
const costs = await createUsers(costsCluster)
  .then(([user]) =>
    requestCosts(costsCluster, user!.headers, user!.todoIds[0]!, KINDS, REQUEST_SECONDS),
  )
  .finally(() => costsCluster.stop());
console.table(costs);

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
    'lock waiters': round(m.lockWaiters),
    rendered: `${m.rendered}/${EXPORTS}`,
  })),
  {
    exports: EXPORTS,
    users: USERS,
    rounds: ROUNDS,
    medians,
    runs: [...runs.entries()],
    requestCosts: costs,
  },
);
console.log(
  `chart written to ${writeResult('scale-out.svg', scaleOutChart(medians, EXPORTS, USERS))}`,
);
