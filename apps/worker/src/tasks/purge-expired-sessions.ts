import { purgeExpiredSessions, type Database } from '@taskoverflow/db/store';
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';

/**
 * The `purge-expired-sessions` task (cron): deletes the sessions that have
 * ended, which would otherwise stay until their user signs in again (or
 * forever, for one who never does). It takes no input, so its payload is ignored.
 */
export function purgeExpiredSessionsTask({
  db,
  idleTimeoutMs,
  logger,
}: {
  db: Database;
  idleTimeoutMs: number;
  logger: Logger;
}): Task {
  return async () => {
    const purged = await purgeExpiredSessions(db, idleTimeoutMs);
    if (purged > 0) logger.info({ purged }, 'purged expired sessions');
  };
}
