import { floatingWallClock, type GenerateCalendarVersion } from '@taskoverflow/contracts';
import type { ExportStore, TodoReaderFactory } from '@taskoverflow/db/store';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';
import {
  GenerationAborted,
  INTERRUPTED_BY_SHUTDOWN,
  UnrenderableCalendarError,
  generateCalendar,
  type CalendarBuilderFactory,
} from '../calendar-generation.js';
import { payloadErrors, readCalendarPayload } from '../calendar-payload.js';
import { describeError } from '../describe-error.js';

export interface GenerateCalendarDependencies {
  store: ExportStore;
  todoReader: TodoReaderFactory;
  /** The zone of an owner who chose none (CALENDAR_TIME_ZONE), or null: their events float. */
  instanceTimeZone: string | null;
  createCalendarBuilder: CalendarBuilderFactory;
  batchSize: number;
  maxTodos: number;
  logger: Logger;
}

/**
 * Version `version` of the `generate-calendar` task (the worker registers one
 * per version it reads; they differ only in the payload they accept): STARTED
 * → the selected todos, batch by batch, into a calendar → stored → SUCCESS.
 * A failed attempt is RETRY and rethrown,
 * so graphile-worker retries it with backoff; the last one, or one no retry
 * can repair (too many todos), is FAILURE and is not rethrown: the export
 * record says what happened, and the queue keeps no dead job.
 *
 * Every write is fenced (see the store's ExportAttempt). An attempt whose
 * write is refused — the export was cancelled, or taken over after this
 * worker was presumed dead — stops at once and returns without writing: its
 * job is no longer the export's, so completing it touches no other attempt.
 * At shutdown the attempt gives the export back without using an attempt.
 */
export function generateCalendarTask(
  {
    store,
    todoReader,
    instanceTimeZone,
    createCalendarBuilder,
    batchSize,
    maxTodos,
    logger,
  }: GenerateCalendarDependencies,
  version: GenerateCalendarVersion,
): Task {
  return async (payload, helpers) => {
    const { job } = helpers;
    const asked = readCalendarPayload(version, payload);
    // No retry can repair a malformed payload, so it is logged and dropped rather than retried.
    if (asked === undefined) {
      logger.error(
        { jobId: job.id, version, errors: payloadErrors(version, payload) },
        'rejected a generate-calendar job with an invalid payload',
      );
      return;
    }
    const { exportId } = asked;
    // `reqId`, as the API logs it: one id finds the request's lines in both services.
    const jobLog = logger.child({ exportId, jobId: job.id, reqId: asked.requestId });
    const attempt = await store.startAttempt({ exportId, jobId: job.id, instanceTimeZone });
    if (!attempt) {
      jobLog.warn('no unfinished export with this id: nothing to do');
      return;
    }
    const log = jobLog.child({
      attempt: attempt.number,
      maxAttempts: attempt.maxAttempts,
    });
    let todosRead = 0;
    const lostExport = () =>
      log.warn(
        { todosRead },
        'the export is no longer this attempt’s (cancelled, or taken over): stopping',
      );
    log.debug({ selection: attempt.selection }, 'export started');

    // A refused progress write stops the attempt between batches, as a shutdown does: the
    // write is the check, so a cancel made anywhere reaches this worker within one batch.
    const superseded = new AbortController();
    const startedAt = performance.now();
    try {
      // One clock for the whole export: the selection window and every DTSTAMP.
      const now = new Date();
      // Read with the start (see startAttempt), as new as the owner's revision it took, as the
      // todos are: a change of zone made since bumps the revision past it, so this calendar is
      // never reused for it.
      const { timeZone } = attempt.calendarSettings;
      const calendar = await generateCalendar({
        reader: todoReader(attempt.ownerId, attempt.selection, floatingWallClock(now)),
        builder: createCalendarBuilder({ now, timeZone }),
        batchSize,
        maxTodos,
        onProgress: async (progress, todosSoFar) => {
          todosRead = todosSoFar;
          if (!(await attempt.recordProgress(progress, todosSoFar))) superseded.abort();
        },
        abortSignal: AbortSignal.any([helpers.abortSignal, superseded.signal]),
      });
      if (!(await attempt.succeed(calendar))) return lostExport();
      const { todoCount, eventCount, sizeBytes, content, contentSha256 } = calendar;
      const durationMs = Math.round(performance.now() - startedAt);
      log.info(
        {
          todoCount,
          eventCount,
          sizeBytes,
          storedBytes: content.byteLength,
          contentSha256,
          durationMs,
        },
        'export ready',
      );
    } catch (error) {
      if (superseded.signal.aborted) return lostExport();
      if (error instanceof GenerationAborted) {
        if (await attempt.release(INTERRUPTED_BY_SHUTDOWN))
          log.info('export released for another worker (this one is shutting down)');
        return;
      }
      const lastError = describeError(error);
      if (!attempt.isLast && !(error instanceof UnrenderableCalendarError)) {
        if (!(await attempt.retry(lastError))) return lostExport();
        log.warn({ err: error }, 'export attempt failed; it will be retried');
        throw error;
      }
      if (!(await attempt.fail(lastError))) return lostExport();
      log.error({ err: error }, 'export failed on its last attempt');
    }
  };
}
