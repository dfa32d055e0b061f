/**
 * The calendar export end to end on the real system (embedded PostgreSQL,
 * API, worker, as `npm start` runs them):
 *  (a) latency submit → SUCCESS and submit → downloaded over sequential exports of 100 todos,
 *      polling every 5 ms; again with a todo edited before each export;
 *  (b) throughput: many exports submitted at a fixed concurrency;
 *  (c) export time and the worker's peak memory for 1,000 / 10,000 / 100,000 todos.
 */
import pg from 'pg';
import { spawnSystem, type RunningSystem } from '@taskoverflow/launcher/testing';
import { accountHeaders } from './accounts.js';
import { POLL_MS, exportClient } from './export-client.js';
import { processMemoryMb } from './process-memory.js';
import { report } from './report.js';
import { seedTodos } from './seed.js';
import { percentile, round } from './statistics.js';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const THROUGHPUT_TOTAL = Number(process.env.BENCH_THROUGHPUT_TOTAL ?? 1000);
const THROUGHPUT_CONCURRENCY = 50;
/** `accounts`: the same on AUTH_MODE=accounts, every request with an API token ((c) runs in local mode only). */
const AUTH_MODE = process.env.BENCH_AUTH_MODE ?? 'local';
const SIZES =
  AUTH_MODE === 'local'
    ? (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').filter(Boolean).map(Number)
    : [];

/** The worker's peak resident memory (VmHWM), read from /proc by the pid it registered. */
async function workerPeakRssMb(system: RunningSystem): Promise<number> {
  const client = new pg.Client({ connectionString: system.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM worker_heartbeats');
  await client.end();
  return Math.max(...rows.map(({ pid }) => processMemoryMb(pid).peak));
}

const env = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  EXPORT_RATE_LIMIT_PER_MINUTE: '1000000',
  AUTH_MODE,
};
const rows: Record<string, string | number>[] = [];

let system = await spawnSystem({ env });
try {
  await seedTodos(system.databaseUrl, 100);
  // The first account takes the local owner's todos; every request then sends its API token.
  const { call, runExport, editTodo } = exportClient(
    system.baseUrl,
    AUTH_MODE === 'accounts' ? await accountHeaders(system.baseUrl, 'bench@example.com') : {},
  );
  for (let i = 0; i < 20; i++) await runExport(true); // warm-up
  // The same, with one todo edited before each export: no result can be reused from the last one.
  for (const [variant, before] of [
    ['', async () => {}],
    [', a todo edited before each', editTodo],
  ] as const) {
    const runs = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      await before();
      runs.push(await runExport(true));
    }
    for (const [name, values] of [
      ['submit → SUCCESS', runs.map((r) => r.success)],
      ['submit → downloaded', runs.map((r) => r.downloaded)],
    ] as const) {
      rows.push({
        scenario: `(a) ${name}, 100 todos, ${SEQUENTIAL} sequential${variant}`,
        p50: round(percentile(values, 50)),
        p95: round(percentile(values, 95)),
        p99: round(percentile(values, 99)),
        unit: 'ms',
      });
    }
  }

  // (b) Submitters do not poll (50 clients polling every 5 ms would measure the polling):
  // the run ends when the database holds every export as SUCCESS.
  const client = new pg.Client({ connectionString: system.databaseUrl });
  await client.connect();
  for (const [variant, before] of [
    ['', async () => {}],
    [', each after a todo edit', editTodo],
  ] as const) {
    await client.query('TRUNCATE calendar_exports');
    const begun = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
        while (next++ < THROUGHPUT_TOTAL) {
          await before();
          await call(`${system.baseUrl}/api/v1/todos/ical`, { method: 'POST' });
        }
      }),
    );
    const submitted = (performance.now() - begun) / 1000;
    for (;;) {
      const { rows } = await client.query<{ done: number }>(
        "SELECT count(*)::int AS done FROM calendar_exports WHERE status = 'SUCCESS'",
      );
      if (rows[0]!.done >= THROUGHPUT_TOTAL) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - begun) / 1000;
    rows.push({
      scenario: `(b) ${THROUGHPUT_TOTAL} exports of 100 todos, submitted by ${THROUGHPUT_CONCURRENCY} clients${variant}`,
      p50: round(THROUGHPUT_TOTAL / seconds),
      p95: '',
      p99: '',
      unit: `exports/s to SUCCESS (all submitted in ${round(submitted)} s: ${round(THROUGHPUT_TOTAL / submitted)}/s)`,
    });
  }
  await client.end();
} finally {
  await system.stop();
}

for (const size of SIZES) {
  // A fresh system per size, so that the worker's peak memory is this size's.
  system = await spawnSystem({ env });
  try {
    await seedTodos(system.databaseUrl, 100);
    const { runExport } = exportClient(system.baseUrl);
    await runExport(true); // warm-up: a fresh system's first export pays for its start
    await seedTodos(system.databaseUrl, size);
    const { success, downloaded } = await runExport(true);
    rows.push({
      scenario: `(c) ${size.toLocaleString('en')} todos end to end`,
      p50: round(success),
      p95: round(downloaded),
      p99: '',
      unit: `ms to SUCCESS / downloaded; worker peak RSS ${await workerPeakRssMb(system)} MB`,
    });
  } finally {
    await system.stop();
  }
}

report(AUTH_MODE === 'local' ? 'exports' : `exports-${AUTH_MODE}`, rows, {
  pollMs: POLL_MS,
  authMode: AUTH_MODE,
});
