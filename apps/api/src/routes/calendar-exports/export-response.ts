import type { CalendarExportSummary } from '@taskoverflow/db';

/** `taskoverflow-20260301-140000.ics`, from when the export was asked for (UTC). */
export function calendarFileName(createdAt: Date): string {
  const stamp = createdAt.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `taskoverflow-${stamp}.ics`;
}

/** Whether an export's selection is the one a request asks for (idempotent replays must match). */
export function sameSelection(
  summary: CalendarExportSummary,
  selection: { completed?: boolean; window?: number },
) {
  return (
    summary.completed === (selection.completed ?? null) &&
    summary.windowDays === (selection.window ?? null)
  );
}
