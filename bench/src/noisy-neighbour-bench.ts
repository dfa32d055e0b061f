/**
 * The noisy neighbour, in AUTH_MODE=accounts: can one user slow another?
 * A victim measures, alone ("quiet") and then beside a neighbour ("beside"):
 * BENCH_WRITES (100) todo writes one after another (POST /todos and PUT
 * /todos/:id in turn) and BENCH_EXPORTS (20) exports, at most
 * BENCH_VICTIM_WRITES_PER_S (20) a second, as a person's apps write, well
 * within the write rate limit (WRITE_RATE_PER_SECOND), each submitted and
 * waited for until SUCCESS (the status request waits for the end), each of
 * another `window`, so that none is served from an earlier calendar.
 * The neighbour is at every quota, writing flat out: it first makes feeds
 * until refused (403) or BENCH_NEIGHBOUR_FEEDS (20), then
 * BENCH_NEIGHBOUR_CLIENTS (4) clients each complete or reopen a todo, create
 * one and submit an export (not waited for), over and over, for as long as
 * the victim measures (after BENCH_NEIGHBOUR_WARMUP_MS, 2,000). A 403 or 429
 * is counted and the client goes on at once.
 * Reports the victim's write and export p50/p99 quiet and beside, with the
 * ratio of the p99s (the aim: ≤ 1.5), and the neighbour's answers.
 */
import { signUp, spawnAccountsSystem } from './accounts.js';
import { exportClient } from './export-client.js';
import { report } from './report.js';
import { seedTodos } from './seed.js';
import { percentile, round } from './statistics.js';
import { expectOk, Tally, todoWriter } from './todo-writes.js';

const WRITES = Number(process.env.BENCH_WRITES ?? 100);
const VICTIM_WRITE_INTERVAL_MS = 1000 / Number(process.env.BENCH_VICTIM_WRITES_PER_S ?? 20);
const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 20);
const TODOS_EACH = Number(process.env.BENCH_TODOS_EACH ?? 100);
const NEIGHBOUR_FEEDS = Number(process.env.BENCH_NEIGHBOUR_FEEDS ?? 20);
const NEIGHBOUR_CLIENTS = Number(process.env.BENCH_NEIGHBOUR_CLIENTS ?? 4);
const NEIGHBOUR_WARMUP_MS = Number(process.env.BENCH_NEIGHBOUR_WARMUP_MS ?? 2000);
const WINDOW_DAYS_MAX = 36_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const system = await spawnAccountsSystem({
  // Victim and neighbour both send from 127.0.0.1: a per-client (not per-user) limit would
  // make the neighbour's refusals the victim's too, which two people on two machines never share.
  EXPORT_RATE_LIMIT_PER_MINUTE: '1000000',
  ...(process.env.BENCH_STATUS_WAIT_MS && { STATUS_WAIT_MS: process.env.BENCH_STATUS_WAIT_MS }),
});

interface Measured {
  writes: number[];
  exports: number[];
}

type Victim = ReturnType<typeof todoWriter> & ReturnType<typeof exportClient>;

/** Waits until the next write of a paced user is due: one every VICTIM_WRITE_INTERVAL_MS at most. */
function pacer(): () => Promise<void> {
  let due = performance.now();
  return async () => {
    await sleep(due - performance.now());
    due = Math.max(due, performance.now()) + VICTIM_WRITE_INTERVAL_MS;
  };
}

/** The victim's writes, one at a time, then its exports, each of a window not asked before. */
let windowsAsked = 0;
async function measureVictim(victim: Victim): Promise<Measured> {
  const paced = pacer();
  const writes: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    await paced();
    writes.push(expectOk(await (i % 2 ? victim.edit() : victim.create()), "victim's write").ms);
  }
  const exports: number[] = [];
  for (let i = 0; i < EXPORTS; i++) {
    await paced();
    exports.push((await victim.runExport(false, { window: ++windowsAsked })).success);
  }
  return { writes, exports };
}

/**
 * The neighbour at every quota: its feeds first, then its clients flat out
 * until `stop` resolves; returns how long they ran.
 */
async function neighbourFlatOut(
  neighbour: ReturnType<typeof todoWriter>,
  todoIds: number[],
  stop: Promise<unknown>,
): Promise<number> {
  for (let made = 0; made < NEIGHBOUR_FEEDS;) {
    const feed = await neighbour.send('POST', '/feeds', { name: `Neighbour's feed ${made + 1}` });
    if (feed.status === 403) break; // the quota
    if (feed.status === 429)
      await sleep(100); // the write limit: again, a little later
    else {
      expectOk(feed, "neighbour's feed");
      made++;
    }
  }
  let stopped = false;
  void stop.then(() => (stopped = true));
  let window = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: NEIGHBOUR_CLIENTS }, async (_, client) => {
      const todo = todoIds[client % todoIds.length]!;
      while (!stopped) {
        await neighbour.flip(todo);
        await neighbour.create();
        await neighbour.submitExport((window++ % WINDOW_DAYS_MAX) + 1);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const neighbourAnswers = new Tally();
let quiet: Measured;
let beside: Measured;
let neighbourSeconds: number;
try {
  const [victimAccount, neighbourAccount] = [
    await signUp(system.baseUrl, 'victim@bench.example'),
    await signUp(system.baseUrl, 'neighbour@bench.example'),
  ];
  const todoIds = await seedTodos(system.databaseUrl, TODOS_EACH, [
    victimAccount.id,
    neighbourAccount.id,
  ]);
  const victimIds = todoIds.get(victimAccount.id)!;
  const victim: Victim = {
    ...todoWriter(system.baseUrl, victimAccount.headers, victimIds),
    ...exportClient(system.baseUrl, victimAccount.headers, victimIds),
  };
  const neighbourIds = todoIds.get(neighbourAccount.id)!;
  const neighbour = todoWriter(
    system.baseUrl,
    neighbourAccount.headers,
    neighbourIds,
    neighbourAnswers,
  );

  await measureVictim(victim); // warm-up: JIT, pools, caches
  quiet = await measureVictim(victim);
  console.error('quiet: measured; the neighbour starts');
  let victimDone!: () => void;
  const neighbourRun = neighbourFlatOut(
    neighbour,
    neighbourIds,
    new Promise<void>((resolve) => (victimDone = resolve)),
  );
  await sleep(NEIGHBOUR_WARMUP_MS);
  beside = await measureVictim(victim).finally(() => victimDone());
  neighbourSeconds = await neighbourRun;
} finally {
  await system.stop();
}

const row = (what: string, q: number[], b: number[]) => ({
  'victim measures': what,
  'quiet p50': round(percentile(q, 50)),
  'quiet p99': round(percentile(q, 99)),
  'beside p50': round(percentile(b, 50)),
  'beside p99': round(percentile(b, 99)),
  'p99 beside/quiet': round(percentile(b, 99) / percentile(q, 99)),
  aim: '≤ 1.5',
  unit: 'ms',
});
console.log(
  `the neighbour (${NEIGHBOUR_CLIENTS} clients, ${round(neighbourSeconds)} s), answers by request:`,
);
console.table(neighbourAnswers.rows(neighbourSeconds));
report(
  'noisy-neighbour',
  [
    row(`${WRITES} todo writes, one at a time (POST, PUT)`, quiet.writes, beside.writes),
    row(`${EXPORTS} exports, submit → SUCCESS`, quiet.exports, beside.exports),
  ],
  {
    writes: WRITES,
    exports: EXPORTS,
    neighbour: {
      feedsAsked: NEIGHBOUR_FEEDS,
      clients: NEIGHBOUR_CLIENTS,
      seconds: neighbourSeconds,
      answers: neighbourAnswers,
    },
    quiet,
    beside,
  },
);
