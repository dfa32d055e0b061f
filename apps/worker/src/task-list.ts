import { GENERATE_CALENDAR_TASK, PURGE_EXPIRED_EXPORTS_TASK } from '@taskoverflow/contracts';
import { PURGE_JOB_KEY, type Database, type ExportStore } from '@taskoverflow/db/store';
import { parseCronItems, type ParsedCronItem, type TaskList } from 'graphile-worker';
import type { Logger } from 'pino';
import type { CalendarBuilderFactory } from './calendar-generation.js';
import type { WorkerConfig } from './config.js';
import { ownerCalendarSettings } from './owner-calendar-settings.js';
import { generateCalendarTask } from './tasks/generate-calendar.js';
import { createTodoReader } from './todo-reader.js';
import { purgeExpiredExportsTask } from './tasks/purge-expired-exports.js';

export interface TaskDependencies {
  config: Pick<WorkerConfig, 'exportBatchSize' | 'exportMaxTodos' | 'calendarTimeZone'>;
  store: ExportStore;
  db: Database;
  createCalendarBuilder: CalendarBuilderFactory;
  logger: Logger;
}

/** Every task this worker runs, by identifier. */
export function createTaskList({
  config,
  store,
  db,
  createCalendarBuilder,
  logger,
}: TaskDependencies): TaskList {
  return {
    [GENERATE_CALENDAR_TASK]: generateCalendarTask({
      store,
      todoReader: (ownerId, selection, floatingNow) =>
        createTodoReader(db, ownerId, selection, floatingNow),
      calendarSettings: ownerCalendarSettings(db, config.calendarTimeZone),
      createCalendarBuilder,
      batchSize: config.exportBatchSize,
      maxTodos: config.exportMaxTodos,
      logger,
    }),
    [PURGE_EXPIRED_EXPORTS_TASK]: purgeExpiredExportsTask({ store, logger }),
  };
}

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
