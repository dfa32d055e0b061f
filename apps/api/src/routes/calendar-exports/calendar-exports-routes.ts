import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateExportBody,
  ErrorResponse,
  ExportCreated,
  ExportStatusResponse,
  IdempotencyKey,
  CreationForbidden,
  isFinalExportStatus,
} from '@taskoverflow/contracts';
import { createCalendarExportsRepository } from '@taskoverflow/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { HttpError } from '../../plugins/error-handler.js';
import { calendarFileName, sameSelection } from './export-response.js';
import { exportUrl, toExportStatusResponse } from '../../lib/export-status.js';
import { TaskParams, isTaskId, unknownTask } from '../../lib/task-id.js';
import { statusWaitMs, waitForExportEnd } from '../../lib/export-end.js';
import { sendCalendar } from '../../lib/send-calendar.js';
import { ownExports } from '../../lib/export-scope.js';
import { createCalendarCache } from '../../lib/calendar-cache.js';

/** How many exports `GET /todos/ical` lists when the query names no limit. */
const RECENT_EXPORTS_DEFAULT = 20;

export interface CalendarExportsRoutesOptions {
  publicUrl: string | undefined;
  maxAttempts: number;
  rateLimitPerMinute: number;
  /** Longest a status request waits for its export to end. */
  statusWaitMs: number;
  /** How many exports waiting or running one user may have (QUOTA_ACTIVE_EXPORTS); null: no limit. */
  activeQuota: number | null;
}

export const calendarExportsRoutes: FastifyPluginAsyncTypebox<
  CalendarExportsRoutesOptions
> = async (app, options) => {
  const exports = createCalendarExportsRepository(app.exportStore, {
    maxAttempts: options.maxAttempts,
    activeQuota: options.activeQuota,
  });
  const calendars = createCalendarCache();
  const taskUrl = (request: FastifyRequest, id: string, what: 'status' | 'result') =>
    exportUrl(request, options.publicUrl, id, what);
  const statusOf = (
    request: FastifyRequest,
    summary: Parameters<typeof toExportStatusResponse>[0],
  ) => toExportStatusResponse(summary, taskUrl(request, summary.id, 'result'));

  // Every log line about an export carries its id, as the worker's do: one search finds its whole life.
  const tagWithExport = (request: FastifyRequest, reply: FastifyReply, exportId: string) => {
    // The reply's logger writes the "request completed" line.
    request.log = reply.log = request.log.child({ exportId });
  };
  app.addHook('preHandler', async (request, reply) => {
    const id = (request.params as { task_id?: string }).task_id;
    if (id) tagWithExport(request, reply, id);
  });

  /** A malformed id is as unknown as a well-formed one that does not exist. */
  async function observeExport(request: FastifyRequest, id: string) {
    const found = isTaskId(id) ? await exports.observe(ownExports(request.caller), id) : null;
    if (!found) throw unknownTask(id);
    return found;
  }
  const findExport = async (request: FastifyRequest, id: string) =>
    (await observeExport(request, id)).summary;

  app.post(
    '/',
    {
      schema: {
        tags: ['calendar export'],
        summary: 'Start exporting todos to an iCalendar file',
        description:
          'Answers 202 at once; poll `task_url`. The optional body selects todos like the list filters. ' +
          'An `Idempotency-Key` header makes a retried request return the same task.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }),
        body: CreateExportBody,
        response: {
          202: ExportCreated,
          400: ErrorResponse,
          403: CreationForbidden,
          422: ErrorResponse,
          429: ErrorResponse,
        },
      },
      config: { rateLimit: { max: options.rateLimitPerMinute, timeWindow: '1 minute' } },
      // No body at all means "every todo" (a JSON `null` is a body, of the wrong type).
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const { export: created, replayed } = await exports.create(
        request.caller.userId,
        request.body,
        key,
        request.id,
      );
      if (replayed && !sameSelection(created, request.body)) {
        throw new HttpError(
          422,
          'This Idempotency-Key was already used for an export with a different selection',
        );
      }
      tagWithExport(request, reply, created.id);
      request.log.info(
        { selection: request.body, replayed },
        replayed ? 'export replayed (same Idempotency-Key)' : 'export queued',
      );
      const statusUrl = taskUrl(request, created.id, 'status');
      return reply
        .code(202)
        .header('location', statusUrl)
        .send({ task_id: created.id, task_url: statusUrl });
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['calendar export'],
        summary: 'Recent exports, newest first',
        querystring: Type.Object(
          {
            limit: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 100, default: RECENT_EXPORTS_DEFAULT }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ExportStatusResponse), 400: ErrorResponse },
      },
    },
    async (request) =>
      (
        await exports.listRecent(
          ownExports(request.caller),
          request.query.limit ?? RECENT_EXPORTS_DEFAULT,
        )
      ).map((e) => statusOf(request, e)),
  );

  app.get(
    '/:task_id/status',
    {
      schema: {
        tags: ['calendar export'],
        summary: 'Where an export is in its life',
        description:
          'While the export has not ended, the answer waits for its end, up to `STATUS_WAIT_MS` (1 s by default), ' +
          'so that a polling client learns of it at once, with fewer polls. `Prefer: wait=0` answers at once; ' +
          '`Prefer: wait=N` waits at most N seconds (RFC 7240).',
        params: TaskParams,
        response: { 200: ExportStatusResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const id = request.params.task_id;
      const waitMs = statusWaitMs(request.headers.prefer, options.statusWaitMs);
      // Listening before the read: an end committed in between still wakes the wait.
      const wait = waitMs > 0 ? waitForExportEnd(app.databaseEvents, id, waitMs) : undefined;
      request.raw.once('close', () => wait?.cancel());
      try {
        const seen = await observeExport(request, id);
        if (!wait || isFinalExportStatus(seen.summary.status))
          return statusOf(request, seen.summary);
        // The announcement of the end is the answer, unless it cannot tell (then read).
        const end = await wait.ended;
        const ended = end && exports.afterEvent(seen, end.event, end.state);
        return statusOf(request, ended || (await findExport(request, id)));
      } finally {
        wait?.cancel();
      }
    },
  );

  app.get(
    '/:task_id/result',
    {
      schema: {
        tags: ['calendar export'],
        summary: 'Download the calendar (once the status is SUCCESS)',
        params: TaskParams,
        response: {
          200: {
            description: 'The iCalendar file',
            content: { 'text/calendar': { schema: Type.String() } },
          },
          304: { description: 'Not modified (the ETag in If-None-Match matches)', type: 'null' },
          404: ErrorResponse,
        },
      },
    },
    // Typed by hand: the payload is raw bytes, not a serialised schema.
    async (request: FastifyRequest<{ Params: Static<typeof TaskParams> }>, reply: FastifyReply) => {
      const found = await findExport(request, request.params.task_id);
      if (found.status !== 'SUCCESS' || !found.contentSha256) {
        throw new HttpError(404, 'The calendar is not ready yet; poll the status', {
          error: 'Task not finished',
          task_status: found.status,
        });
      }
      void reply
        .header('cache-control', 'private, max-age=0, must-revalidate')
        .header(
          'content-disposition',
          `attachment; filename="${calendarFileName(found.createdAt)}"`,
        );
      const sent = await sendCalendar(request, reply, calendars, {
        contentSha256: found.contentSha256,
        sizeBytes: found.sizeBytes,
        load: () => exports.content(ownExports(request.caller), found.id),
      });
      // Purged between the two reads.
      if (!sent) throw unknownTask(found.id);
      return reply;
    },
  );
};
