import { GENERATE_CALENDAR_TASK, PURGE_EXPIRED_EXPORTS_TASK } from '@taskoverflow/contracts';
import { parseCronItems, type ParsedCronItem, type TaskList } from 'graphile-worker';
import type { Logger } from 'pino';
import type { CalendarBuilderFactory } from './calendar-generation.js';
import type { WorkerConfig } from './config.js';
import type { ExportsRepository } from './exports-repository.js';
import { generateCalendarTask } from './tasks/generate-calendar.js';
import { purgeExpiredExportsTask } from './tasks/purge-expired-exports.js';

export interface TaskDependencies {
  config: Pick<WorkerConfig, 'exportBatchSize' | 'exportMaxTodos' | 'exportTtlMs'>;
  exports: ExportsRepository;
  createCalendarBuilder: CalendarBuilderFactory;
  logger: Logger;
}

/** Every task this worker runs, by identifier. */
export function createTaskList({
  config,
  exports,
  createCalendarBuilder,
  logger,
}: TaskDependencies): TaskList {
  return {
    [GENERATE_CALENDAR_TASK]: generateCalendarTask({
      exports,
      createCalendarBuilder,
      batchSize: config.exportBatchSize,
      maxTodos: config.exportMaxTodos,
      exportTtlMs: config.exportTtlMs,
      logger,
    }),
    [PURGE_EXPIRED_EXPORTS_TASK]: purgeExpiredExportsTask({ exports, logger }),
  };
}

/** Also the purge's job key: one queued purge is enough, however many workers schedule it. */
export const PURGE_JOB_KEY = PURGE_EXPIRED_EXPORTS_TASK;

/** The recurring jobs: the purge, every quarter of an hour (and once at start-up, see startWorker). */
export function cronItems(): ParsedCronItem[] {
  return parseCronItems([
    {
      task: PURGE_EXPIRED_EXPORTS_TASK,
      match: '*/15 * * * *',
      identifier: PURGE_EXPIRED_EXPORTS_TASK,
      options: { backfillPeriod: 0, jobKey: PURGE_JOB_KEY },
    },
  ]);
}
