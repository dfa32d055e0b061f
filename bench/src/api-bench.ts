/**
 * HTTP throughput of the built API on the real system (embedded PostgreSQL, as
 * `npm start` runs it): autocannon at concurrency 32 against the todo list
 * (100 todos) and todo creation.
 */
import autocannon from 'autocannon';
import { spawnSystem } from '@taskoverflow/launcher/testing';
import { report } from './report.js';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

const system = await spawnSystem({ env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' } });
try {
  for (let i = 1; i <= 100; i++) {
    await fetch(`${system.baseUrl}/api/v1/todos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Todo ${i}`,
        description: 'Seeded for the benchmark',
        deadline_at: '2026-12-01T09:00:00',
      }),
    });
  }

  const scenarios: { name: string; options: autocannon.Options }[] = [
    { name: 'GET /api/v1/todos (100 todos)', options: { url: `${system.baseUrl}/api/v1/todos` } },
    {
      name: 'POST /api/v1/todos',
      options: {
        url: `${system.baseUrl}/api/v1/todos`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Benchmark todo', deadline_at: '2026-12-01T09:00:00' }),
      },
    },
  ];
  const rows = [];
  for (const { name, options } of scenarios) {
    // A short warm-up so the JIT and the connection pool are settled before measuring.
    await autocannon({ ...options, connections: CONNECTIONS, duration: 2 });
    const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION_S });
    rows.push({
      scenario: name,
      'requests/s (mean)': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'non-2xx': result.non2xx,
      errors: result.errors,
    });
  }
  report('api', rows, { connections: CONNECTIONS, durationSeconds: DURATION_S });
} finally {
  await system.stop();
}
