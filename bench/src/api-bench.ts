/**
 * HTTP throughput of the built API on the real system (embedded PostgreSQL, as
 * `npm start` runs it): autocannon at concurrency 32 against the todo list
 * (100 todos) and todo creation, in each AUTH_MODE: `local` (no credential)
 * and `accounts` (a signed-up account's API token on every request), so that
 * the ratio is what authentication costs.
 */
import autocannon from 'autocannon';
import { spawnSystem } from '@taskoverflow/launcher/testing';
import { report } from './report.js';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const MODES = ['local', 'accounts'] as const;
type Mode = (typeof MODES)[number];

/** The headers that authenticate in `mode`: none, or a new account's API token. */
async function credentials(baseUrl: string, mode: Mode): Promise<Record<string, string>> {
  if (mode === 'local') return {};
  const signUp = await fetch(`${baseUrl}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark passphrase' }),
  });
  const cookie = signUp.headers.get('set-cookie')!.split(';')[0]!;
  const token = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'bench' }),
  });
  return { authorization: `Bearer ${((await token.json()) as { token: string }).token}` };
}

async function measure(mode: Mode) {
  const system = await spawnSystem({
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', AUTH_MODE: mode },
  });
  try {
    const headers = await credentials(system.baseUrl, mode);
    const json = { ...headers, 'content-type': 'application/json' };
    for (let i = 1; i <= 100; i++) {
      await fetch(`${system.baseUrl}/api/v1/todos`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          title: `Todo ${i}`,
          description: 'Seeded for the benchmark',
          deadline_at: '2026-12-01T09:00:00',
        }),
      });
    }

    const scenarios: { name: string; options: autocannon.Options }[] = [
      {
        name: 'GET /api/v1/todos (100 todos)',
        options: { url: `${system.baseUrl}/api/v1/todos`, headers },
      },
      {
        name: 'POST /api/v1/todos',
        options: {
          url: `${system.baseUrl}/api/v1/todos`,
          method: 'POST',
          headers: json,
          body: JSON.stringify({ title: 'Benchmark todo', deadline_at: '2026-12-01T09:00:00' }),
        },
      },
    ];
    const rows = [];
    for (const { name, options } of scenarios) {
      // A short warm-up so the JIT and the connection pool are settled before measuring.
      await autocannon({ ...options, connections: CONNECTIONS, duration: 2 });
      const result = await autocannon({
        ...options,
        connections: CONNECTIONS,
        duration: DURATION_S,
      });
      rows.push({
        scenario: name,
        AUTH_MODE: mode,
        'requests/s (mean)': Math.round(result.requests.average),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'non-2xx': result.non2xx,
        errors: result.errors,
      });
    }
    return rows;
  } finally {
    await system.stop();
  }
}

const rows = [];
for (const mode of MODES) rows.push(...(await measure(mode)));
// What authentication costs: each scenario's accounts throughput as a share of its local one.
for (const row of rows.filter((row) => row.AUTH_MODE === 'accounts')) {
  const local = rows.find(
    (other) => other.AUTH_MODE === 'local' && other.scenario === row.scenario,
  )!;
  Object.assign(row, {
    'vs local': `${((row['requests/s (mean)'] / local['requests/s (mean)']) * 100).toFixed(1)} %`,
  });
}
report('api', rows, { connections: CONNECTIONS, durationSeconds: DURATION_S });
