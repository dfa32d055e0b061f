import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  type ExportEvent,
  MonitorExport,
  MonitorExportsQuery,
  MonitorSummary,
  MonitorWorker,
} from '@taskoverflow/contracts';
import { retryCalendarExport, type CalendarExportSummary } from '@taskoverflow/db';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { createConnectionCounter, type ConnectionLimits } from '../../lib/connection-limits.js';
import { openEventStream, type EventStream } from '../../lib/event-stream.js';
import { EXPORT_EVENTS_CHANNEL } from '../../lib/database-events.js';
import { publicUrl } from '../../lib/public-url.js';
import { HttpError } from '../../plugins/error-handler.js';
import { toExportStatusResponse } from '../calendar-exports/export-response.js';
import { TaskParams, isTaskId, unknownTask } from '../calendar-exports/task-id.js';
import { createMonitorRepository } from './monitor-repository.js';

export interface MonitorRoutesOptions {
  publicUrl: string | undefined;
  workerStaleAfterMs: number;
  eventStreams: ConnectionLimits;
}

export const monitorRoutes: FastifyPluginAsyncTypebox<MonitorRoutesOptions> = async (
  app,
  options,
) => {
  const monitor = createMonitorRepository(app.prisma, {
    workerStaleAfterMs: options.workerStaleAfterMs,
  });
  const streams = new Set<EventStream>();
  const streamPlaces = createConnectionCounter(options.eventStreams);
  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  async function withJobs(request: FastifyRequest, exports: CalendarExportSummary[]) {
    const jobs = await monitor.jobsOf(exports.map((e) => e.id));
    return exports.map((summary) => {
      const job = jobs.find((j) => j.key === summary.id);
      const resultUrl = publicUrl(
        request,
        options.publicUrl,
        `/api/v1/todos/ical/${summary.id}/result`,
      );
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
    () => monitor.summary(),
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
    async () =>
      (await monitor.workers()).map(({ heartbeat, alive, jobs }) => ({
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
      withJobs(request, await monitor.exports(request.query.status, request.query.limit ?? 50)),
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
      const retried = isTaskId(id) ? await retryCalendarExport(app.prisma, id) : null;
      if (!retried) throw await refusal(id, 'retried', 'FAILURE');
      const [view] = await withJobs(request, [retried]);
      return reply.code(202).send(view!);
    },
  );

  app.post(
    '/exports/:task_id/cancel',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Cancel an export that is still PENDING (it ends as FAILURE)',
        params: TaskParams,
        response: { 200: MonitorExport, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const { task_id: id } = request.params;
      if (!isTaskId(id) || !(await monitor.cancel(id)))
        throw await refusal(id, 'cancelled', 'PENDING');
      const [view] = await withJobs(request, await monitor.exportsById([id]));
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
      const release = streamPlaces.acquire(request.ip);
      const only = request.query.task_id;
      const stream = openEventStream(request, reply);
      streams.add(stream);
      const events = app.databaseEvents;
      const unsubscribes = [
        events.subscribe(EXPORT_EVENTS_CHANNEL, (payload) => {
          const event = JSON.parse(payload) as ExportEvent;
          if (!only || event.task_id === only) stream.send('export', event);
        }),
        // Live, or not at all: a stream that silently misses changes would show a stale page as current.
        events.onListeningChange((listening) =>
          listening ? stream.send('ready', {}) : stream.end(),
        ),
      ];
      stream.onClose(() => {
        for (const unsubscribe of unsubscribes) unsubscribe();
        streams.delete(stream);
        release();
      });
      if (events.listening) stream.send('ready', {});
    },
  );

  /** Why an action was refused: no such export (404), or not in the one status it applies to (409). */
  async function refusal(id: string, action: string, applicable: string): Promise<HttpError> {
    const [found] = isTaskId(id) ? await monitor.exportsById([id]) : [];
    return found
      ? new HttpError(
          409,
          `Only a ${applicable} export can be ${action}; this one is ${found.status}`,
        )
      : unknownTask(id);
  }
};
