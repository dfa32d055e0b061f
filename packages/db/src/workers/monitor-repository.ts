import type { ExportStatus, MonitorSummary } from '@taskoverflow/contracts';
import type { ExportScope } from '../exports/export-scope.js';
import type { ExportStore } from '../exports/export-store.js';
import type { CalendarExportSummary } from '../exports/export-summary.js';
import type { HeartbeatsRepository } from './heartbeats-repository.js';

const WINDOWS_MINUTES = [1, 5, 60];

/** Read-only views of the queue and the workers, for people watching them; counts come from the export store. */
export function createMonitorRepository(
  heartbeats: HeartbeatsRepository,
  store: ExportStore,
  { workerStaleAfterMs }: { workerStaleAfterMs: number },
) {
  return {
    /** The exports by status, the queue, and the finished exports' windows and minutes. */
    async summary(scope: ExportScope): Promise<MonitorSummary> {
      const [exports, queue, windows, perMinute] = await Promise.all([
        store.countsByStatus(scope),
        store.queueSummary(scope),
        store.finishedWindows(scope, WINDOWS_MINUTES),
        store.finishedPerMinute(scope),
      ]);
      return { exports, queue, windows, per_minute: perMinute };
    },

    /** Workers that have beaten recently or not long ago, with the exports they hold: the whole queue's business. */
    async workers(scope: ExportScope) {
      if (scope !== 'everyone') return [];
      // Alive by the database's clock, as the reaper judges: not by this process's.
      const [pools, held] = await Promise.all([
        heartbeats.list(workerStaleAfterMs),
        store.jobKeysByPool(),
      ]);
      return pools.map(({ heartbeat, alive }) => ({
        heartbeat,
        alive,
        jobs: held.find((row) => row.locked_by === heartbeat.poolId)?.keys ?? [],
      }));
    },

    /** The most recent exports in the scope (of one status, if given), newest first. */
    exports: (
      scope: ExportScope,
      status: ExportStatus | undefined,
      limit: number,
    ): Promise<CalendarExportSummary[]> => store.recent(scope, limit, status),
  };
}
