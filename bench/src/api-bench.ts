/**
 * HTTP throughput of the built API on the real system (embedded PostgreSQL, as
 * `npm start` runs it): autocannon at concurrency 32 against the todo list
 * (100 todos) and todo creation, in each AUTH_MODE: `local` (no credential)
 * and `accounts` (a signed-up account's API token on every request), so that
 * the ratio is what authentication costs. BENCH_DURATION_S (10) per round,
 * BENCH_ROUNDS (3) rounds.
 */
import autocannon from 'autocannon';
import { spawnSystem } from '@taskoverflow/launcher/testing';
import { findApiPid, processCpuMs } from './process-memory.js';
import { report } from './report.js';
import { accountHeaders } from './accounts.js';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MODES = ['local', 'accounts'] as const;
type Mode = (typeof MODES)[number];

/** The headers that authenticate in `mode`: none, or a new account's API token. */
async function credentials(baseUrl: string, mode: Mode): Promise<Record<string, string>> {
  return mode === 'local' ? {} : accountHeaders(baseUrl, 'bench@example.com');
}

interface System {
  mode: Mode;
  baseUrl: string;
  /** The API process: its CPU time per request is what contention from other work disturbs least. */
  apiPid: number;
  headers: Record<string, string>;
  stop(): Promise<unknown>;
}

/** A running system in `mode`, with 100 todos of the account it authenticates as. */
async function startSystem(mode: Mode): Promise<System> {
  const system = await spawnSystem({
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', AUTH_MODE: mode },
  });
  const headers = await credentials(system.baseUrl, mode);
  for (let i = 1; i <= 100; i++) {
    await fetch(`${system.baseUrl}/api/v1/todos`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Todo ${i}`,
        description: 'Seeded for the benchmark',
        deadline_at: '2026-12-01T09:00:00',
      }),
    });
  }
  const apiPid = findApiPid(Number(new URL(system.baseUrl).port));
  return { mode, baseUrl: system.baseUrl, apiPid, headers, stop: () => system.stop() };
}

const scenarios: { name: string; options: (system: System) => autocannon.Options }[] = [
  {
    name: 'GET /api/v1/todos (100 todos)',
    options: ({ baseUrl, headers }) => ({ url: `${baseUrl}/api/v1/todos`, headers }),
  },
  {
    name: 'POST /api/v1/todos',
    options: ({ baseUrl, headers }) => ({
      url: `${baseUrl}/api/v1/todos`,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Benchmark todo', deadline_at: '2026-12-01T09:00:00' }),
    }),
  },
];

// Both systems run side by side and take turns, round after round, so that
// whatever else the machine does weighs on both alike; each figure is the
// median of its rounds.
const systems: System[] = [];
try {
  for (const mode of MODES) systems.push(await startSystem(mode));
  const rows = [];
  for (const scenario of scenarios) {
    const runs = new Map<Mode, autocannon.Result[]>(MODES.map((mode) => [mode, []]));
    const cpuPerRequest = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
    for (const system of systems) {
      // A short warm-up so the JIT and the connection pool are settled before measuring.
      await autocannon({ ...scenario.options(system), connections: CONNECTIONS, duration: 2 });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const system of systems) {
        const options = { ...scenario.options(system), connections: CONNECTIONS };
        const cpuBefore = processCpuMs(system.apiPid);
        const result = await autocannon({ ...options, duration: DURATION_S });
        const cpuMs = processCpuMs(system.apiPid) - cpuBefore;
        runs.get(system.mode)!.push(result);
        cpuPerRequest.get(system.mode)!.push((cpuMs * 1000) / result.requests.total);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    const byMode = new Map(
      MODES.map((mode) => {
        const results = runs.get(mode)!;
        return [
          mode,
          {
            scenario: scenario.name,
            AUTH_MODE: mode,
            'requests/s (median)': Math.round(median(results.map((r) => r.requests.average))),
            'API CPU µs/request': Math.round(median(cpuPerRequest.get(mode)!) * 10) / 10,
            'p50 ms': median(results.map((r) => r.latency.p50)),
            'p99 ms': median(results.map((r) => r.latency.p99)),
            'non-2xx': results.reduce((sum, r) => sum + r.non2xx, 0),
            errors: results.reduce((sum, r) => sum + r.errors, 0),
            'rounds (requests/s)': results.map((r) => Math.round(r.requests.average)).join(' '),
            'rounds (CPU µs)': cpuPerRequest
              .get(mode)!
              .map((us) => us.toFixed(1))
              .join(' '),
          },
        ] as const;
      }),
    );
    const local = byMode.get('local')!;
    const accounts = byMode.get('accounts')!;
    // What authentication costs: the accounts throughput as a share of the local one.
    const ratio = accounts['requests/s (median)'] / local['requests/s (median)'];
    const cpuRatio = accounts['API CPU µs/request'] / local['API CPU µs/request'];
    rows.push(local, {
      ...accounts,
      'vs local': `${(ratio * 100).toFixed(1)} %`,
      'CPU vs local': `${(cpuRatio * 100).toFixed(1)} %`,
    });
  }
  report('api', rows, { connections: CONNECTIONS, durationSeconds: DURATION_S, rounds: ROUNDS });
} finally {
  await Promise.all(systems.map((system) => system.stop()));
}
