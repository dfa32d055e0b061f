import type { FeedStore } from '@taskoverflow/db/store';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';

/**
 * The `refresh-windowed-feeds` task (cron, hourly): queues a render of every
 * feed with a deadline window, whose todos enter it as time passes without
 * any change to them. Its payload is ignored.
 */
export function refreshWindowedFeedsTask({
  feeds,
  logger,
}: {
  feeds: FeedStore;
  logger: Logger;
}): Task {
  return async () => {
    const queued = await feeds.queueWindowedRenders();
    if (queued > 0) logger.info({ queued }, 'queued renders of windowed feeds');
  };
}
