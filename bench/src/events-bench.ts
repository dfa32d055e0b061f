/**
 * Delivery latency of the live event stream on the real system: from the
 * database change (the trigger's clock) to the event read by an HTTP client
 * of `GET /api/v1/monitor/events`, over the transitions of sequential exports.
 */
import { connectEventStream } from '@taskoverflow/api/testing';
import { spawnSystem } from '@taskoverflow/launcher/testing';
import { report } from './report.js';
import { percentile, round } from './statistics.js';

const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 200);

const system = await spawnSystem({
  env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', EXPORT_RATE_LIMIT_PER_MINUTE: '1000000' },
});
try {
  await fetch(`${system.baseUrl}/api/v1/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Benchmark', deadline_at: '2026-12-01T09:00:00' }),
  });
  const stream = await connectEventStream(`${system.baseUrl}/api/v1/monitor/events`);
  await stream.waitFor((events) => events.some((e) => e.event === 'ready'));
  for (let i = 0; i < EXPORTS; i++) {
    await fetch(`${system.baseUrl}/api/v1/todos/ical`, { method: 'POST' });
    const successes = () =>
      stream.events.filter((e) => (e.data as { task_status?: string }).task_status === 'SUCCESS')
        .length;
    await stream.waitFor(() => successes() > i);
  }
  await stream.close();
  const latencies = stream.events
    .filter((e) => e.event === 'export')
    .map((e) => e.receivedAt - Date.parse((e.data as { at: string }).at));
  report('events', [
    {
      scenario: `database change → SSE client, ${latencies.length} events of ${EXPORTS} exports`,
      'p50 ms': round(percentile(latencies, 50)),
      'p95 ms': round(percentile(latencies, 95)),
      'p99 ms': round(percentile(latencies, 99)),
      'max ms': round(Math.max(...latencies)),
    },
  ]);
} finally {
  await system.stop();
}
