import type { ExportStatus, MonitorSummary } from '@taskoverflow/contracts';
import type { CalendarExportSummary, ExportStore, PrismaClient } from '@taskoverflow/db';

const WINDOWS_MINUTES = [1, 5, 60];

/** Read-only views of the queue and the workers, for people watching them; counts come from the export store. */
export function createMonitorRepository(
  prisma: PrismaClient,
  store: ExportStore,
  { workerStaleAfterMs }: { workerStaleAfterMs: number },
) {
  return {
    async summary(): Promise<MonitorSummary> {
      const [exports, queue, windows, perMinute] = await Promise.all([
        store.countsByStatus(),
        store.queueSummary(),
        store.finishedWindows(WINDOWS_MINUTES),
        store.finishedPerMinute(),
      ]);
      return { exports, queue, windows, per_minute: perMinute };
    },

    /** Workers that have beaten recently or not long ago, with the exports they hold. */
    async workers() {
      const [heartbeats, held] = await Promise.all([
        prisma.workerHeartbeat.findMany({ orderBy: { startedAt: 'asc' } }),
        store.jobKeysByPool(),
      ]);
      const staleBefore = Date.now() - workerStaleAfterMs;
      return heartbeats.map((heartbeat) => ({
        heartbeat,
        alive: heartbeat.lastSeenAt.getTime() >= staleBefore,
        jobs: held.find((row) => row.locked_by === heartbeat.poolId)?.keys ?? [],
      }));
    },

    exports: (status: ExportStatus | undefined, limit: number): Promise<CalendarExportSummary[]> =>
      store.recent(limit, status),
  };
}
