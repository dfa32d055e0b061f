import {
  GENERATE_CALENDAR_VERSIONS,
  parseTaskIdentifier,
  taskIdentifier,
} from '@taskoverflow/contracts';
import { GENERATE_CALENDAR_TASK } from '@taskoverflow/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { monitorScope } from '../lib/export-scope.js';
import { API_PREFIX } from '../lib/route-paths.js';
import { HttpError } from './error-handler.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const PERCENTILE_WINDOW_MINUTES = 15;

/**
 * Prometheus metrics at {@link API_PREFIX}/metrics: HTTP requests (count and duration by
 * route), and, read from the database at scrape time so that every API
 * instance reports the same truth (the export store's, as the jobs monitor),
 * exports by status, queue depth (in all, and by task version) and the export
 * run/wait time percentiles of the last 15 minutes.
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

    const store = app.exportStore;
    new Gauge({
      name: 'taskoverflow_exports',
      help: 'Calendar exports by status',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        for (const [status, count] of Object.entries(await store.countsByStatus('everyone')))
          this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'taskoverflow_queue_depth',
      help: 'Jobs waiting to run (due and not locked)',
      registers: [registry],
      async collect() {
        this.set((await store.queueSummary('everyone')).waiting);
      },
    });
    new Gauge({
      name: 'taskoverflow_queue_jobs',
      help: 'Jobs by task, version and state (waiting, scheduled, running): during a deploy, a version at 0 is drained',
      labelNames: ['task', 'version', 'state'],
      registers: [registry],
      async collect() {
        const queue = await store.queueByTask();
        // Afresh at each scrape, with the generation versions this build runs at 0 first:
        // a drained version reads 0 rather than vanishing.
        this.reset();
        const none = { waiting: 0, scheduled: 0, running: 0 };
        const counts = [
          ...GENERATE_CALENDAR_VERSIONS.map((version) => ({
            taskIdentifier: taskIdentifier(GENERATE_CALENDAR_TASK, version),
            ...none,
          })),
          ...queue,
        ];
        for (const { taskIdentifier: identifier, ...states } of counts) {
          const { name, version } = parseTaskIdentifier(identifier);
          for (const [state, count] of Object.entries(states))
            this.set({ task: name, version: String(version), state }, count);
        }
      },
    });
    new Gauge({
      name: 'taskoverflow_export_seconds',
      help: 'Wait (created → started) and run (started → finished) times of the exports finished in the last 15 minutes',
      labelNames: ['phase', 'quantile'],
      registers: [registry],
      async collect() {
        const [window] = await store.finishedWindows('everyone', [PERCENTILE_WINDOW_MINUTES]);
        for (const phase of ['wait', 'run'] as const) {
          for (const [quantile, key] of [
            ['0.5', 'p50'],
            ['0.99', 'p99'],
          ] as const)
            this.set({ phase, quantile }, window?.[phase][key] ?? 0);
        }
      },
    });

    // The whole system's figures: for the admin (a `metrics` token for the scraper), as missing to anyone else.
    app.get(
      `${API_PREFIX}/metrics`,
      { schema: { hide: true }, config: { scope: 'metrics' } },
      async (request, reply) => {
        if (monitorScope(request.caller) !== 'everyone') throw new HttpError(404, 'Not Found');
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  },
  { name: 'metrics', dependencies: ['database'] },
);
