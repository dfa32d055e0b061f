import { floatingWallClock } from '@taskoverflow/contracts';
import type { FeedStore, OwnerCalendarSettings, TodoReaderFactory } from '@taskoverflow/db/store';
import type { Logger } from 'pino';
import {
  UnrenderableCalendarError,
  generateCalendar,
  type CalendarBuilderFactory,
} from './calendar-generation.js';
import { describeError } from './describe-error.js';

export interface FeedRenderDependencies {
  feeds: FeedStore;
  todoReader: TodoReaderFactory;
  calendarSettings: OwnerCalendarSettings;
  createCalendarBuilder: CalendarBuilderFactory;
  batchSize: number;
  maxTodos: number;
  /** How often subscribed apps are told to fetch again (REFRESH-INTERVAL). */
  refreshMinutes: number;
}

/** The render job a feed is rendered by, as its render is stored. */
export interface FeedRenderJob {
  /** graphile-worker's job id: an earlier job's render never overwrites a later one's. */
  id: string;
  /** The owner's revision as the job started: the render shows at least it. */
  revision: string;
  abortSignal: AbortSignal;
  log: Logger;
}

const noProgress = async () => {};

/**
 * Renders one feed: its selected todos into its calendar, stored for fetches
 * to send. A failed render throws (graphile-worker retries the job with
 * backoff, and the last good render is served meanwhile); one that no retry
 * can repair (too many todos) is recorded on the feed instead.
 */
export function createFeedRenderer({
  feeds,
  todoReader,
  calendarSettings,
  createCalendarBuilder,
  batchSize,
  maxTodos,
  refreshMinutes,
}: FeedRenderDependencies) {
  return async (feedId: string, job: FeedRenderJob): Promise<void> => {
    const log = job.log.child({ feedId });
    const feed = await feeds.toRender(feedId);
    if (!feed) return log.debug('the feed was deleted: nothing to render');
    const startedAt = performance.now();
    try {
      // A change of the owner's zone queues a render too (migration 20261216000000).
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
        abortSignal: job.abortSignal,
      });
      const stored = await feeds.storeRender(feedId, {
        ...calendar,
        jobId: job.id,
        revision: job.revision,
        settings: feed.settings,
      });
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
      await feeds.recordRenderError(feedId, job.id, describeError(error));
      log.error({ err: error }, 'the feed cannot be rendered');
    }
  };
}
