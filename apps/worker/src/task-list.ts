import {
  GENERATE_CALENDAR_TASK,
  GENERATE_CALENDAR_VERSIONS,
  PURGE_EXPIRED_EXPORTS_TASK,
  taskIdentifier,
  type GenerateCalendarVersion,
} from '@taskoverflow/contracts';
import { PURGE_JOB_KEY, type Database, type ExportStore } from '@taskoverflow/db/store';
import { parseCronItems, type ParsedCronItem, type TaskList } from 'graphile-worker';
import type { Logger } from 'pino';
import type { CalendarBuilderFactory } from './calendar-generation.js';
import type { WorkerConfig } from './config.js';
import {
  generateCalendarTask,
  type GenerateCalendarDependencies,
} from './tasks/generate-calendar.js';
import { createTodoReader } from './todo-reader.js';
import { purgeExpiredExportsTask } from './tasks/purge-expired-exports.js';

export interface TaskDependencies {
  config: Pick<WorkerConfig, 'exportBatchSize' | 'exportMaxTodos'>;
  store: ExportStore;
  db: Database;
  createCalendarBuilder: CalendarBuilderFactory;
  logger: Logger;
}

/**
 * Every task this worker runs, by identifier: `generate-calendar` once per
 * version in `calendarVersions` (by default every version this build reads),
 * so that graphile-worker never hands it a job of another version.
 */
export function createTaskList(
  { config, store, db, createCalendarBuilder, logger }: TaskDependencies,
  calendarVersions: readonly GenerateCalendarVersion[] = GENERATE_CALENDAR_VERSIONS,
): TaskList {
  const generation: GenerateCalendarDependencies = {
    store,
    todoReader: (ownerId, selection, floatingNow) =>
      createTodoReader(db, ownerId, selection, floatingNow),
    createCalendarBuilder,
    batchSize: config.exportBatchSize,
    maxTodos: config.exportMaxTodos,
    logger,
  };
  return {
    ...Object.fromEntries(
      calendarVersions.map((version) => [
        taskIdentifier(GENERATE_CALENDAR_TASK, version),
        generateCalendarTask(generation, version),
      ]),
    ),
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
