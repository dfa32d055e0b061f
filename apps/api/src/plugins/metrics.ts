import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { EXPORT_STATUSES } from '@taskoverflow/contracts';

/**
 * Prometheus metrics at /api/v1/metrics: HTTP requests (count and duration by
 * route), and, read from the database at scrape time so that every API
 * instance reports the same truth, exports by status, queue depth and the
 * export run/wait time percentiles of the last 15 minutes.
 */
export const metrics = fp(
  (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });

    const labels = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests',
      labelNames: labels,
      registers: [registry],
    });
    const durations = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: labels,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, not the URL: ids would make a label per todo.
      const route = request.routeOptions.url ?? 'unmatched';
      const values = { method: request.method, route, status_code: reply.statusCode };
      requests.inc(values);
      durations.observe(values, reply.elapsedTime / 1000);
    });

    new Gauge({
      name: 'taskoverflow_exports',
      help: 'Calendar exports by status',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const rows = await app.prisma.calendarExport.groupBy({ by: ['status'], _count: true });
        for (const status of EXPORT_STATUSES) {
          this.set({ status }, rows.find((row) => row.status === status)?._count ?? 0);
        }
      },
    });
    new Gauge({
      name: 'taskoverflow_queue_depth',
      help: 'Jobs waiting to run (due and not locked)',
      registers: [registry],
      async collect() {
        const [row] = await app.prisma.$queryRaw<{ depth: number }[]>`
          SELECT count(*)::int AS depth FROM graphile_worker.jobs
          WHERE locked_at IS NULL AND run_at <= now() AND attempts < max_attempts`;
        this.set(row?.depth ?? 0);
      },
    });
    new Gauge({
      name: 'taskoverflow_export_seconds',
      help: 'Export wait (created → started) and run (started → finished) times, last 15 minutes',
      labelNames: ['phase', 'quantile'],
      registers: [registry],
      async collect() {
        const [row] = await app.prisma.$queryRaw<Record<string, number | null>[]>`
          SELECT
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) AS wait_50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) AS wait_99,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) AS run_50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) AS run_99
          FROM calendar_exports
          WHERE status = 'SUCCESS' AND finished_at > now() - interval '15 minutes'`;
        for (const phase of ['wait', 'run']) {
          for (const quantile of ['0.5', '0.99']) {
            this.set(
              { phase, quantile },
              Number(row?.[`${phase}_${quantile.slice(2).padEnd(2, '0')}`] ?? 0),
            );
          }
        }
      },
    });

    app.get('/api/v1/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
  { name: 'metrics', dependencies: ['database'] },
);
