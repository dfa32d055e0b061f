import { purgeOldTombstones, type Database, type ExportStore } from '@taskoverflow/db/store';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';

// Deleting an export frees its calendar too (up to tens of MB): short statements, a few exports each.
const PURGE_BATCH_SIZE = 100;

/**
 * The `purge-expired-exports` task (cron, and once at start-up): deletes the
 * exports whose lifetime is over, and the deleted todos' tombstones past their
 * retention. It takes no input, so its payload is ignored.
 */
export function purgeExpiredExportsTask({
  store,
  db,
  logger,
}: {
  store: ExportStore;
  db: Database;
  logger: Logger;
}): Task {
  return async () => {
    const purged = await store.purgeExpired(PURGE_BATCH_SIZE);
    if (purged > 0) logger.info({ purged }, 'purged expired exports');
    const tombstones = await purgeOldTombstones(db);
    if (tombstones > 0) logger.info({ tombstones }, 'purged old todo tombstones');
  };
}
