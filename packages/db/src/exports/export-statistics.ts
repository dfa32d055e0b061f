// The counts and percentiles the jobs monitor and the metrics report: one
// query each, so that both say the same thing.
import { EXPORT_STATUSES, type ExportStatus, type MonitorSummary } from '@taskoverflow/contracts';
import sql from 'sql-template-tag';
import { rows, type Database } from '../database.js';
import { inScope, type ExportScope } from './export-scope.js';

/** Exports by status, every status present (0 when none). */
export async function exportCountsByStatus(
  db: Database,
  scope: ExportScope,
): Promise<Record<ExportStatus, number>> {
  const counts = await rows<{ status: ExportStatus; count: number }>(
    db,
    sql`SELECT status, count(*)::int AS count FROM calendar_exports WHERE ${inScope(scope)} GROUP BY status`,
  );
  return Object.fromEntries(
    EXPORT_STATUSES.map((status) => [
      status,
      counts.find((row) => row.status === status)?.count ?? 0,
    ]),
  ) as Record<ExportStatus, number>;
}

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

/**
 * For each window (the last N minutes), the exports finished in it and their
 * wait (created → started) and run (started → finished) percentiles.
 */
export async function finishedExportWindows(
  db: Database,
  scope: ExportScope,
  windowsMinutes: number[],
): Promise<MonitorSummary['windows']> {
  const windows = await rows<WindowRow>(
    db,
    sql`
    SELECT w.minutes,
      count(e.id) FILTER (WHERE e.status = 'SUCCESS')::int AS succeeded,
      count(e.id) FILTER (WHERE e.status = 'FAILURE')::int AS failed,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.started_at - e.created_at))::float8 AS wait_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM e.started_at - e.created_at))::float8 AS wait_p95,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM e.started_at - e.created_at))::float8 AS wait_p99,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.finished_at - e.started_at))::float8 AS run_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM e.finished_at - e.started_at))::float8 AS run_p95,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM e.finished_at - e.started_at))::float8 AS run_p99
    FROM unnest(${windowsMinutes}::int[]) AS w(minutes)
    LEFT JOIN calendar_exports e
      ON e.finished_at > now() - make_interval(mins => w.minutes) AND e.status IN ('SUCCESS', 'FAILURE')
     AND ${inScope(scope, 'e')}
    GROUP BY w.minutes ORDER BY w.minutes`,
  );
  return windows.map((row) => ({
    minutes: row.minutes,
    succeeded: row.succeeded,
    failed: row.failed,
    per_minute: (row.succeeded + row.failed) / row.minutes,
    wait: { p50: row.wait_p50, p95: row.wait_p95, p99: row.wait_p99 },
    run: { p50: row.run_p50, p95: row.run_p95, p99: row.run_p99 },
  }));
}

/** Exports finished in each of the last 60 minutes, oldest first. */
export async function finishedPerMinute(
  db: Database,
  scope: ExportScope,
): Promise<MonitorSummary['per_minute']> {
  const minutes = await rows<{ minute: Date; succeeded: number; failed: number }>(
    db,
    sql`
    SELECT m.minute,
      count(e.id) FILTER (WHERE e.status = 'SUCCESS')::int AS succeeded,
      count(e.id) FILTER (WHERE e.status = 'FAILURE')::int AS failed
    FROM generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()), interval '1 minute') AS m(minute)
    LEFT JOIN calendar_exports e ON date_trunc('minute', e.finished_at) = m.minute AND e.status IN ('SUCCESS', 'FAILURE')
     AND ${inScope(scope, 'e')}
    GROUP BY m.minute ORDER BY m.minute`,
  );
  return minutes.map((row) => ({ ...row, minute: row.minute.toISOString() }));
}
