/**
 * Many writers on one server, in AUTH_MODE=accounts: BENCH_USERS (200) users,
 * each with BENCH_TODOS_EACH (10) todos, all write at once for
 * BENCH_DURATION_S (10) s, each one request at a time, creating a todo and
 * renaming one of its own in turn. Meanwhile a sampler asks PostgreSQL every
 * 20 ms which sessions wait for a lock, of what type, in which table, and
 * whose row it is (see lock-sampler.ts): the contract is that no write waits
 * for a row shared between owners. Reports requests/s, p50/p99, each user's
 * writes/s, and the lock waits by type and table.
 */
import { signUpMany, spawnAccountsSystem } from './accounts.js';
import { sampleLockWaits } from './lock-sampler.js';
import { report } from './report.js';
import { seedTodos } from './seed.js';
import { latencyRow, percentile, round } from './statistics.js';
import { Tally, todoWriter } from './todo-writes.js';

const USERS = Number(process.env.BENCH_USERS ?? 200);
const TODOS_EACH = Number(process.env.BENCH_TODOS_EACH ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

const system = await spawnAccountsSystem({
  // Every user signs up from 127.0.0.1: the per-client throttle would refuse the 31st.
  SIGN_UP_LIMIT_PER_CLIENT: '1000000',
});

const tally = new Tally();
const latencies: number[] = [];
let perUser: number[];
let seconds: number;
let locks: Awaited<ReturnType<Awaited<ReturnType<typeof sampleLockWaits>>['stop']>>;
try {
  const signUpStarted = performance.now();
  const users = await signUpMany(system.baseUrl, USERS);
  console.error(
    `${USERS} users signed up in ${round((performance.now() - signUpStarted) / 1000)} s`,
  );
  const todoIds = await seedTodos(
    system.databaseUrl,
    TODOS_EACH,
    users.map(({ id }) => id),
  );
  const writers = users.map(({ id, headers }) =>
    todoWriter(system.baseUrl, headers, todoIds.get(id)!, tally),
  );

  const sampler = await sampleLockWaits(system.databaseUrl);
  const started = performance.now();
  const until = started + DURATION_S * 1000;
  perUser = await Promise.all(
    writers.map(async (writer) => {
      let written = 0;
      for (let i = 0; performance.now() < until; i++) {
        const answer = await (i % 2 ? writer.edit() : writer.create());
        latencies.push(answer.ms);
        if (answer.status < 300) written++;
      }
      return written;
    }),
  );
  seconds = (performance.now() - started) / 1000;
  locks = await sampler.stop();
} finally {
  await system.stop();
}

const perUserRate = perUser.map((n) => n / seconds);
console.log(`${USERS} users writing at once for ${round(seconds)} s:`);
console.table(tally.rows(seconds));
console.table([
  {
    ...latencyRow('write latency (POST and PUT /todos), all users', latencies),
    'requests/s': Math.round(latencies.length / seconds),
  },
]);
console.table([
  {
    scenario: "one user's successful writes/s",
    min: round(Math.min(...perUserRate)),
    p50: round(percentile(perUserRate, 50)),
    max: round(Math.max(...perUserRate)),
  },
]);
const shared = locks.waits
  .filter((wait) => wait.class === 'row shared between owners')
  .reduce((sum, wait) => sum + wait.seen, 0);
console.log(
  `lock waits: ${locks.samples} samples (one each ${round((seconds * 1000) / Math.max(locks.samples, 1))} ms); waiting sessions seen on rows shared between owners: ${shared}` +
    `; other waits of active sessions: ${JSON.stringify(locks.waitEvents)}`,
);
const lockRows = locks.waits.map((wait) => ({
  lock: `${wait.locktype} ${wait.mode}`,
  relation: wait.relation,
  whose: wait.class,
  'waiters seen': wait.seen,
  'mean waiting': round(wait.seen / Math.max(locks.samples, 1)),
  owners: wait.owners,
  query: wait.query.replace(/\s+/g, ' ').slice(0, 60),
}));
report(
  'many-writers',
  lockRows.length ? lockRows : [{ lock: 'no session waited for a lock in any sample' }],
  {
    users: USERS,
    todosEach: TODOS_EACH,
    seconds,
    requests: latencies.length,
    requestsPerS: latencies.length / seconds,
    latency: latencyRow('write latency', latencies),
    answers: tally,
    perUserWritesPerS: {
      min: Math.min(...perUserRate),
      p50: percentile(perUserRate, 50),
      max: Math.max(...perUserRate),
    },
    lockSamples: locks.samples,
    sharedRowWaiters: shared,
    lockWaits: locks.waits,
    waitEvents: locks.waitEvents,
  },
);
