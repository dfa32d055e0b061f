import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  MonitorExport,
  MonitorExportsQuery,
  MonitorSummary,
  MonitorWorker,
} from '@taskoverflow/contracts';
import {
  IllegalExportTransition,
  createMonitorRepository,
  statusesLeadingTo,
  type CalendarExportSummary,
} from '@taskoverflow/db';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { clientKey } from '../../lib/client-key.js';
import { createConnectionCounter, type ConnectionLimits } from '../../lib/connection-limits.js';
import { openEventStream, type EventStream } from '../../lib/event-stream.js';
import { HttpError } from '../../plugins/error-handler.js';
import { exportUrl, toExportStatusResponse } from '../../lib/export-status.js';
import { TaskParams, isTaskId, unknownTask } from '../../lib/task-id.js';
import { eventInScope, monitorScope } from '../../lib/export-scope.js';

export interface MonitorRoutesOptions {
  publicUrl: string | undefined;
  workerStaleAfterMs: number;
  eventStreams: ConnectionLimits;
}

export const monitorRoutes: FastifyPluginAsyncTypebox<MonitorRoutesOptions> = async (
  app,
  options,
) => {
  const store = app.exportStore;
  const monitor = createMonitorRepository(app.heartbeats, store, {
    workerStaleAfterMs: options.workerStaleAfterMs,
  });
  const streams = new Set<EventStream>();
  const streamPlaces = createConnectionCounter(options.eventStreams);
  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  async function withJobs(request: FastifyRequest, exports: CalendarExportSummary[]) {
    const jobs = await store.jobsOf(exports.map((e) => e.id));
    return exports.map((summary) => {
      const job = jobs.find((j) => j.key === summary.id);
      const resultUrl = exportUrl(request, options.publicUrl, summary.id, 'result');
      return {
        ...toExportStatusResponse(summary, resultUrl),
        next_attempt_at: summary.status === 'RETRY' && job ? job.run_at.toISOString() : null,
        worker: job?.locked_by ?? null,
      };
    });
  }

  app.get(
    '/summary',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Exports by status, the queue, throughput and latency',
        response: { 200: MonitorSummary },
      },
    },
    (request) => monitor.summary(monitorScope(request.caller)),
  );

  app.get(
    '/workers',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Worker processes, their last heartbeat and the exports they hold',
        response: { 200: Type.Array(MonitorWorker) },
      },
    },
    async (request) =>
      (await monitor.workers(monitorScope(request.caller))).map(({ heartbeat, alive, jobs }) => ({
        pool_id: heartbeat.poolId,
        hostname: heartbeat.hostname,
        pid: heartbeat.pid,
        concurrency: heartbeat.concurrency,
        started_at: heartbeat.startedAt.toISOString(),
        last_seen_at: heartbeat.lastSeenAt.toISOString(),
        alive,
        jobs,
      })),
  );

  app.get(
    '/exports',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Recent exports, newest first, optionally of one status',
        querystring: MonitorExportsQuery,
        response: { 200: Type.Array(MonitorExport), 400: ErrorResponse },
      },
    },
    async (request) =>
      withJobs(
        request,
        await monitor.exports(
          monitorScope(request.caller),
          request.query.status,
          request.query.limit ?? 50,
        ),
      ),
  );

  app.post(
    '/exports/:task_id/retry',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Start a FAILURE export over',
        params: TaskParams,
        response: { 202: MonitorExport, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { task_id: id } = request.params;
      const scope = monitorScope(request.caller);
      const retried = await applicable(id, 'retried', (known) =>
        store.retry(scope, known, request.id),
      );
      const [view] = await withJobs(request, [retried]);
      return reply.code(202).send(view!);
    },
  );

  app.post(
    '/exports/:task_id/cancel',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Cancel an export that has not ended, waiting or running (it ends as FAILURE)',
        params: TaskParams,
        response: { 200: MonitorExport, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const { task_id: id } = request.params;
      const scope = monitorScope(request.caller);
      const cancelled = await applicable(id, 'cancelled', (known) => store.cancel(scope, known));
      const [view] = await withJobs(request, [cancelled]);
      return view!;
    },
  );

  app.get(
    '/events',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Server-Sent Events: every export status or progress change, as it happens',
        description:
          'Events `export` carry an ExportEvent. `ready` comes once the server is receiving changes (and after every ' +
          'reconnection): refetch then, as changes made before it were not streamed. While the server cannot ' +
          'receive changes (database away), it ends the stream, and EventSource reconnects by itself. ' +
          'With `task_id`, only that export’s events.',
        querystring: Type.Object(
          { task_id: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 429: ErrorResponse, 503: ErrorResponse },
      },
    },
    (request, reply) => {
      const release = streamPlaces.acquire(clientKey(request.ip));
      const only = request.query.task_id;
      const scope = monitorScope(request.caller);
      const stream = openEventStream(request, reply);
      streams.add(stream);
      const events = app.databaseEvents;
      const unsubscribes = [
        events.onExportEvent((event) => {
          if ((!only || event.task_id === only) && eventInScope(scope, event.owner_id))
            stream.send('export', event);
        }),
        // Live, or not at all: a stream that silently misses changes would show a stale page as current.
        events.onListeningChange((listening) =>
          listening ? stream.send('ready', {}) : stream.end(),
        ),
        // Signed out or revoked, here or in another process: the stream ends with its credential.
        app.authentication.watchCredential(request, () => stream.end()),
      ];
      stream.onClose(() => {
        for (const unsubscribe of unsubscribes) unsubscribe();
        streams.delete(stream);
        release();
      });
      if (events.listening) stream.send('ready', {});
    },
  );

  /**
   * Applies a monitor action to an export: 404 when there is no such export,
   * 409 when its status does not allow the action (the store's transition table says which do).
   */
  async function applicable(
    id: string,
    action: string,
    apply: (id: string) => Promise<CalendarExportSummary | null>,
  ): Promise<CalendarExportSummary> {
    try {
      const applied = isTaskId(id) ? await apply(id) : null;
      if (applied) return applied;
    } catch (error) {
      if (!(error instanceof IllegalExportTransition)) throw error;
      const allowed = statusesLeadingTo(error.to)
        .join(', ')
        .replace(/, (\w+)$/, ' or $1');
      throw new HttpError(
        409,
        `Only a ${allowed} export can be ${action}; this one is ${error.from}`,
      );
    }
    throw unknownTask(id);
  }
};
