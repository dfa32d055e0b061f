/**
 * Memory of the API while it answers `GET /todos` for a large table: the
 * process's resident memory before, its peak during the answer, and the time
 * and size of the answer (one client, then several at once).
 */
import { spawnSystem } from '@taskoverflow/launcher/testing';
import { findApiPid, processMemoryMb } from './process-memory.js';
import { report } from './report.js';
import { round } from './statistics.js';
import { seedTodos } from './seed.js';

const TODOS = Number(process.env.BENCH_LIST_TODOS ?? 100_000);
const PARALLEL = [1, 4];

async function readList(url: string): Promise<number> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength;
  return bytes;
}

const system = await spawnSystem({ env: { LOG_LEVEL: 'warn' } });
try {
  await seedTodos(system.databaseUrl, TODOS);
  const pid = findApiPid(Number(new URL(system.baseUrl).port));
  const url = `${system.baseUrl}/api/v1/todos`;
  await readList(`${url}?limit=10`); // warm: connections, route, serializer
  const rows = [];
  let window = 1000;
  for (const parallel of PARALLEL) {
    const before = processMemoryMb(pid).rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, processMemoryMb(pid).rss)), 5);
    const started = performance.now();
    // A window that holds every todo, different for each request, so that no answer comes from the list cache.
    const sizes = await Promise.all(
      Array.from({ length: parallel }, () => readList(`${url}?window=${(window += 1)}`)),
    );
    const ms = performance.now() - started;
    clearInterval(sampler);
    rows.push({
      scenario: `GET /todos, ${TODOS.toLocaleString('en')} todos, ${parallel} at once`,
      'ms (all done)': round(ms),
      'MB per answer': round(sizes[0]! / 2 ** 20),
      'RSS before MB': before,
      'RSS peak MB': peak,
      'growth MB': peak - before,
    });
  }
  report('list-memory', rows, { todos: TODOS });
} finally {
  await system.stop();
}
