import type { FeedStore } from '@taskoverflow/db/store';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';

/**
 * The `refresh-windowed-feeds` task (cron, hourly): marks every feed with a
 * deadline window to render, and queues its owner's render job (one per owner),
 * as todos enter a window when time passes without any change to them. Its
 * payload is ignored.
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
    if (queued > 0) logger.info({ owners: queued }, 'queued renders of windowed feeds');
  };
}
