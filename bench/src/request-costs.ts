import autocannon from 'autocannon';
import type { Cluster } from './cluster.js';
import type { CpuKind } from './cpu-split.js';
import { metered } from './metered.js';
import { round } from './statistics.js';

const CONNECTIONS = 32;
const json = { 'content-type': 'application/json' };

/** The todo requests a user makes most: autocannon sends each connection's list over and over. */
const mixes = (todoId: number): { name: string; requests: autocannon.Request[] }[] => [
  { name: 'GET /todos (100 todos), cached', requests: [{ method: 'GET', path: '/api/v1/todos' }] },
  {
    name: 'PUT /todos/:id, then GET /todos (not cached after the edit)',
    requests: [
      { method: 'PUT', path: `/api/v1/todos/${todoId}`, headers: json, body: '{"title":"Edited"}' },
      { method: 'GET', path: '/api/v1/todos' },
    ],
  },
  {
    name: 'POST /todos',
    requests: [{ method: 'POST', path: '/api/v1/todos', headers: json, body: '{"title":"New"}' }],
  },
];

/**
 * What each mix costs on `cluster` as one user (`headers`, whose todo
 * `todoId` is edited): requests/s, CPU µs per request by kind of process,
 * write transactions per request, and sessions waiting for a lock.
 */
export async function requestCosts(
  cluster: Cluster,
  headers: Record<string, string>,
  todoId: number,
  kinds: CpuKind[],
  seconds: number,
) {
  const rows = [];
  for (const mix of mixes(todoId)) {
    const options = { url: cluster.url, headers, requests: mix.requests, connections: CONNECTIONS };
    await autocannon({ ...options, duration: 2 }); // warm-up
    const run = await metered(cluster, () => autocannon({ ...options, duration: seconds }));
    const requests = run.result.requests.total;
    rows.push({
      scenario: mix.name,
      'requests/s': Math.round(requests / run.seconds),
      'p50 ms': run.result.latency.p50,
      non2xx: run.result.non2xx,
      ...Object.fromEntries(
        kinds.map((kind) => [`${kind} µs/req`, Math.round((run.cpu[kind] * 1000) / requests)]),
      ),
      'xacts/req': round(run.writeTransactions / requests),
      'lock waiters': round(run.lockWaiters),
      'by lock': Object.entries(run.lockWaitersBy)
        .map(([event, n]) => `${event} ${round(n)}`)
        .join(', '),
    });
  }
  return rows;
}
