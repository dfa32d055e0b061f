import type { ExportStatus, MonitorSummary } from '@taskoverflow/contracts';
import type {
  CalendarExportSummary,
  ExportScope,
  ExportStore,
  PrismaClient,
} from '@taskoverflow/db';

const WINDOWS_MINUTES = [1, 5, 60];

/** Read-only views of the queue and the workers, for people watching them; counts come from the export store. */
export function createMonitorRepository(
  prisma: PrismaClient,
  store: ExportStore,
  { workerStaleAfterMs }: { workerStaleAfterMs: number },
) {
  return {
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

    exports: (
      scope: ExportScope,
      status: ExportStatus | undefined,
      limit: number,
    ): Promise<CalendarExportSummary[]> => store.recent(scope, limit, status),
  };
}
