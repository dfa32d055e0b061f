import { floatingWallClock } from '@taskoverflow/contracts';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';
import {
  generateCalendar,
  UnretryableExportError,
  type CalendarBuilderFactory,
} from '../calendar-generation.js';
import { exportIdOf, payloadErrors } from '../calendar-payload.js';
import { describeError } from '../describe-error.js';
import type { ExportsRepository } from '../exports-repository.js';

export interface GenerateCalendarDependencies {
  exports: ExportsRepository;
  createCalendarBuilder: CalendarBuilderFactory;
  batchSize: number;
  maxTodos: number;
  exportTtlMs: number;
  logger: Logger;
}

/**
 * The `generate-calendar` task: STARTED → the selected todos, batch by batch,
 * into a calendar → stored → SUCCESS. A failed attempt is RETRY and rethrown,
 * so graphile-worker retries it with backoff; the last one, or one no retry
 * can repair (too many todos), is FAILURE and is not rethrown: the export record says what happened, and the queue keeps no
 * dead job.
 */
export function generateCalendarTask({
  exports,
  createCalendarBuilder,
  batchSize,
  maxTodos,
  exportTtlMs,
  logger,
}: GenerateCalendarDependencies): Task {
  return async (payload, helpers) => {
    const { job } = helpers;
    const exportId = exportIdOf(payload);
    // No retry can repair a malformed payload, so it is logged and dropped rather than retried.
    if (exportId === undefined) {
      logger.error(
        { jobId: job.id, errors: payloadErrors(payload) },
        'rejected a generate-calendar job with an invalid payload',
      );
      return;
    }
    const log = logger.child({
      exportId,
      jobId: job.id,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
    });

    const selection = await exports.start(exportId, job.attempts);
    if (!selection) {
      log.warn('no unfinished export with this id: nothing to do');
      return;
    }
    log.info({ selection }, 'export started');
    const startedAt = performance.now();
    try {
      // One clock for the whole export: the selection window and every DTSTAMP.
      const now = new Date();
      const calendar = await generateCalendar({
        reader: exports.todoReader(selection, floatingWallClock(now)),
        builder: createCalendarBuilder({ now }),
        batchSize,
        maxTodos,
        onProgress: (progress, todosRead) => exports.recordProgress(exportId, progress, todosRead),
        abortSignal: helpers.abortSignal,
      });
      await exports.succeed(exportId, calendar, exportTtlMs);
      const { todoCount, eventCount, content } = calendar;
      const durationMs = Math.round(performance.now() - startedAt);
      log.info(
        { todoCount, eventCount, sizeBytes: content.byteLength, durationMs },
        'export ready',
      );
    } catch (error) {
      const lastError = describeError(error);
      if (job.attempts < job.max_attempts && !(error instanceof UnretryableExportError)) {
        await exports.retry(exportId, lastError);
        log.warn({ err: error }, 'export attempt failed; it will be retried');
        throw error;
      }
      await exports.fail(exportId, lastError, exportTtlMs);
      log.error({ err: error }, 'export failed on its last attempt');
    }
  };
}
