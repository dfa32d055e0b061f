import {
  GENERATE_CALENDAR_VERSIONS,
  taskIdentifier,
  type GenerateCalendarVersion,
} from '@taskoverflow/contracts';
import {
  GENERATE_CALENDAR_TASK,
  PURGE_EXPIRED_EXPORTS_TASK,
  PURGE_EXPIRED_SESSIONS_TASK,
  PURGE_JOB_KEY,
  REFRESH_WINDOWED_FEEDS_TASK,
  RENDER_OWNER_FEEDS_TASK,
  createFeedStore,
  createTodoReader,
  ownerCalendarSettings,
  type Database,
  type ExportStore,
  type TodoSelection,
} from '@taskoverflow/db/store';
import { parseCronItems, type ParsedCronItem, type TaskList } from 'graphile-worker';
import type { Logger } from 'pino';
import type { CalendarBuilderFactory } from './calendar-generation.js';
import type { WorkerConfig } from './config.js';
import { generateCalendarTask } from './tasks/generate-calendar.js';
import { purgeExpiredExportsTask } from './tasks/purge-expired-exports.js';
import { purgeExpiredSessionsTask } from './tasks/purge-expired-sessions.js';
import { refreshWindowedFeedsTask } from './tasks/refresh-windowed-feeds.js';
import { renderOwnerFeedsTask } from './tasks/render-owner-feeds.js';

export interface TaskDependencies {
  config: Pick<
    WorkerConfig,
    | 'exportBatchSize'
    | 'exportMaxTodos'
    | 'feedRefreshMinutes'
    | 'calendarTimeZone'
    | 'sessionIdleTimeoutMs'
  >;
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
  const feeds = createFeedStore(db);
  const generation = {
    todoReader: (ownerId: string, selection: TodoSelection, floatingNow: Date) =>
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
        generateCalendarTask(
          { store, instanceTimeZone: config.calendarTimeZone, ...generation },
          version,
        ),
      ]),
    ),
    [PURGE_EXPIRED_EXPORTS_TASK]: purgeExpiredExportsTask({ store, db, logger }),
    [PURGE_EXPIRED_SESSIONS_TASK]: purgeExpiredSessionsTask({
      db,
      idleTimeoutMs: config.sessionIdleTimeoutMs,
      logger,
    }),
    [RENDER_OWNER_FEEDS_TASK]: renderOwnerFeedsTask({
      feeds,
      calendarSettings: ownerCalendarSettings(db, config.calendarTimeZone),
      refreshMinutes: config.feedRefreshMinutes,
      ...generation,
    }),
    [REFRESH_WINDOWED_FEEDS_TASK]: refreshWindowedFeedsTask({ feeds, logger }),
  };
}

/**
 * The recurring jobs: the purges of exports (also once at start-up, see
 * startWorker) and of sessions, every quarter of an hour; windowed feeds
 * again, every hour.
 */
export function cronItems(): ParsedCronItem[] {
  return parseCronItems([
    {
      task: PURGE_EXPIRED_EXPORTS_TASK,
      match: '*/15 * * * *',
      identifier: PURGE_EXPIRED_EXPORTS_TASK,
      options: { backfillPeriod: 0, jobKey: PURGE_JOB_KEY },
    },
    {
      task: PURGE_EXPIRED_SESSIONS_TASK,
      match: '7,22,37,52 * * * *',
      identifier: PURGE_EXPIRED_SESSIONS_TASK,
      options: { backfillPeriod: 0, jobKey: PURGE_EXPIRED_SESSIONS_TASK },
    },
    {
      task: REFRESH_WINDOWED_FEEDS_TASK,
      match: '0 * * * *',
      identifier: REFRESH_WINDOWED_FEEDS_TASK,
      options: { backfillPeriod: 0, jobKey: REFRESH_WINDOWED_FEEDS_TASK },
    },
  ]);
}
