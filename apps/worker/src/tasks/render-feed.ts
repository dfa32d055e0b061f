import { floatingWallClock, RenderFeedPayload } from '@taskoverflow/contracts';
import type { FeedStore, OwnerCalendarSettings, TodoReaderFactory } from '@taskoverflow/db/store';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';
import { Compile } from 'typebox/compile';
import {
  UnrenderableCalendarError,
  generateCalendar,
  type CalendarBuilderFactory,
} from '../calendar-generation.js';
import { describeError } from '../describe-error.js';

export interface RenderFeedDependencies {
  feeds: FeedStore;
  todoReader: TodoReaderFactory;
  calendarSettings: OwnerCalendarSettings;
  createCalendarBuilder: CalendarBuilderFactory;
  batchSize: number;
  maxTodos: number;
  /** How often subscribed apps are told to fetch again (REFRESH-INTERVAL). */
  refreshMinutes: number;
  logger: Logger;
}

const payloadValidator = Compile(RenderFeedPayload);
const noProgress = async () => {};

/**
 * The `render-feed` task: the feed's selected todos into its calendar, stored
 * for fetches to send. The triggers of migration 20261213000000 queue it,
 * debounced per feed, whenever the owner's todos or the feed change. A failed
 * render is retried by graphile-worker with backoff, and the last good render
 * is served meanwhile; one that no retry can repair (too many todos) is
 * recorded on the feed instead.
 */
export function renderFeedTask({
  feeds,
  todoReader,
  calendarSettings,
  createCalendarBuilder,
  batchSize,
  maxTodos,
  refreshMinutes,
  logger,
}: RenderFeedDependencies): Task {
  return async (payload, helpers) => {
    const jobId = helpers.job.id;
    if (!payloadValidator.Check(payload)) {
      logger.error({ jobId }, 'rejected a render-feed job with an invalid payload');
      return;
    }
    const { feedId } = payload;
    const log = logger.child({ feedId, jobId });
    const feed = await feeds.toRender(feedId);
    if (!feed) return log.debug('the feed was deleted: nothing to render');
    const startedAt = performance.now();
    try {
      // A change of the owner's zone queues a render too (migration 20261214000000).
      const { timeZone } = await calendarSettings(feed.ownerId);
      const calendar = await generateCalendar({
        reader: todoReader(feed.ownerId, feed.selection, floatingWallClock(new Date())),
        // No `now`: each DTSTAMP is its todo's LAST-MODIFIED, so an unchanged feed keeps its ETag.
        builder: createCalendarBuilder({
          name: feed.name,
          timeZone,
          alarm: feed.reminderMinutes === null ? null : { minutesBefore: feed.reminderMinutes },
          refreshInterval: { minutes: refreshMinutes },
        }),
        batchSize,
        maxTodos,
        onProgress: noProgress,
        abortSignal: helpers.abortSignal,
      });
      const stored = await feeds.storeRender(feedId, { ...calendar, jobId });
      log.info(
        {
          stored,
          eventCount: calendar.eventCount,
          sizeBytes: calendar.sizeBytes,
          contentSha256: calendar.contentSha256,
          durationMs: Math.round(performance.now() - startedAt),
        },
        stored ? 'feed rendered' : 'feed rendered, but a later render is stored already',
      );
    } catch (error) {
      if (!(error instanceof UnrenderableCalendarError)) throw error;
      await feeds.recordRenderError(feedId, jobId, describeError(error));
      log.error({ err: error }, 'the feed cannot be rendered');
    }
  };
}
