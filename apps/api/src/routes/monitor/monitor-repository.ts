import type { ExportStatus, MonitorSummary } from '@taskoverflow/contracts';
import { EXPORT_STATUSES } from '@taskoverflow/contracts';
import { exportSummary, type CalendarExportSummary, type PrismaClient } from '@taskoverflow/db';

const WINDOWS_MINUTES = [1, 5, 60];

interface WindowRow {
  minutes: number;
  succeeded: number;
  failed: number;
  wait_p50: number | null;
  wait_p95: number | null;
  wait_p99: number | null;
  run_p50: number | null;
  run_p95: number | null;
  run_p99: number | null;
}

export interface ExportJob {
  key: string;
  run_at: Date;
  locked_by: string | null;
}

/** Read-only views of the queue and the workers, for people watching them. */
export function createMonitorRepository(
  prisma: PrismaClient,
  { workerStaleAfterMs }: { workerStaleAfterMs: number },
) {
  async function exportCounts(): Promise<Record<ExportStatus, number>> {
    const rows = await prisma.calendarExport.groupBy({ by: ['status'], _count: true });
    return Object.fromEntries(
      EXPORT_STATUSES.map((status) => [
        status,
        rows.find((row) => row.status === status)?._count ?? 0,
      ]),
    ) as Record<ExportStatus, number>;
  }

  async function queue(): Promise<MonitorSummary['queue']> {
    const [row] = await prisma.$queryRaw<MonitorSummary['queue'][]>`
      SELECT
        count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())::int AS waiting,
        count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now())::int AS scheduled,
        count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running,
        extract(epoch FROM now() - min(run_at) FILTER (
          WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now()))::float8 AS oldest_wait_seconds
      FROM graphile_worker.jobs`;
    return row!;
  }

  /** Finished exports and their wait (created → started) and run (started → finished) percentiles per window. */
  async function windows(): Promise<MonitorSummary['windows']> {
    const rows = await prisma.$queryRaw<WindowRow[]>`
      SELECT w.minutes,
        count(e.id) FILTER (WHERE e.status = 'SUCCESS')::int AS succeeded,
        count(e.id) FILTER (WHERE e.status = 'FAILURE')::int AS failed,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.started_at - e.created_at))::float8 AS wait_p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM e.started_at - e.created_at))::float8 AS wait_p95,
        percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM e.started_at - e.created_at))::float8 AS wait_p99,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.finished_at - e.started_at))::float8 AS run_p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM e.finished_at - e.started_at))::float8 AS run_p95,
        percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM e.finished_at - e.started_at))::float8 AS run_p99
      FROM unnest(${WINDOWS_MINUTES}::int[]) AS w(minutes)
      LEFT JOIN calendar_exports e
        ON e.finished_at > now() - make_interval(mins => w.minutes) AND e.status IN ('SUCCESS', 'FAILURE')
      GROUP BY w.minutes ORDER BY w.minutes`;
    return rows.map((row) => ({
      minutes: row.minutes,
      succeeded: row.succeeded,
      failed: row.failed,
      per_minute: (row.succeeded + row.failed) / row.minutes,
      wait: { p50: row.wait_p50, p95: row.wait_p95, p99: row.wait_p99 },
      run: { p50: row.run_p50, p95: row.run_p95, p99: row.run_p99 },
    }));
  }

  async function perMinute(): Promise<MonitorSummary['per_minute']> {
    const rows = await prisma.$queryRaw<{ minute: Date; succeeded: number; failed: number }[]>`
      SELECT m.minute,
        count(e.id) FILTER (WHERE e.status = 'SUCCESS')::int AS succeeded,
        count(e.id) FILTER (WHERE e.status = 'FAILURE')::int AS failed
      FROM generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()), interval '1 minute') AS m(minute)
      LEFT JOIN calendar_exports e ON date_trunc('minute', e.finished_at) = m.minute AND e.status IN ('SUCCESS', 'FAILURE')
      GROUP BY m.minute ORDER BY m.minute`;
    return rows.map((row) => ({ ...row, minute: row.minute.toISOString() }));
  }

  return {
    async summary(): Promise<MonitorSummary> {
      const [exports, queued, windowStats, minutes] = await Promise.all([
        exportCounts(),
        queue(),
        windows(),
        perMinute(),
      ]);
      return { exports, queue: queued, windows: windowStats, per_minute: minutes };
    },

    /** Workers that have beaten recently or not long ago, with the exports they hold. */
    async workers() {
      const [heartbeats, held] = await Promise.all([
        prisma.workerHeartbeat.findMany({ orderBy: { startedAt: 'asc' } }),
        prisma.$queryRaw<{ locked_by: string; keys: string[] }[]>`
          SELECT locked_by, array_agg(key ORDER BY locked_at) AS keys
          FROM graphile_worker.jobs WHERE locked_by IS NOT NULL GROUP BY locked_by`,
      ]);
      const staleBefore = Date.now() - workerStaleAfterMs;
      return heartbeats.map((heartbeat) => ({
        heartbeat,
        alive: heartbeat.lastSeenAt.getTime() >= staleBefore,
        jobs: held.find((row) => row.locked_by === heartbeat.poolId)?.keys ?? [],
      }));
    },

    exports(status: ExportStatus | undefined, limit: number): Promise<CalendarExportSummary[]> {
      return prisma.calendarExport.findMany({
        where: status ? { status } : {},
        orderBy: { createdAt: 'desc' },
        take: limit,
        omit: exportSummary,
      });
    },

    exportsById(ids: string[]): Promise<CalendarExportSummary[]> {
      return prisma.calendarExport.findMany({ where: { id: { in: ids } }, omit: exportSummary });
    },

    /** The queue's view of these exports' jobs (gone once a job has succeeded). */
    jobsOf(ids: string[]): Promise<ExportJob[]> {
      return prisma.$queryRaw<ExportJob[]>`
        SELECT key, run_at, locked_by FROM graphile_worker.jobs WHERE key = ANY(${ids}::text[])`;
    },

    /** Cancels an export still waiting: its job leaves the queue and it ends as FAILURE. @returns whether it was pending. */
    cancel(id: string): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.calendarExport.updateMany({
          where: { id, status: 'PENDING' },
          data: {
            status: 'FAILURE',
            lastError: 'Cancelled from the jobs monitor',
            finishedAt: new Date(),
          },
        });
        if (count > 0) await tx.$executeRaw`SELECT graphile_worker.remove_job(${id})`;
        return count > 0;
      });
    },
  };
}
