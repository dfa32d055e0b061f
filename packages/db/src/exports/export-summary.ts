import type { CalendarExport, Prisma } from '../generated/prisma/client.js';

/**
 * The export's columns for callers: without the calendar bytes (they can be
 * tens of MB) and without the job that owns it or the todos' revision it was
 * made from (the store's business).
 */
// `true` omits (`false` would keep the column: that was the case until a test compared the rows).
export const exportSummary = {
  content: true,
  jobId: true,
  todosRevision: true,
} as const satisfies Prisma.CalendarExportOmit;
export type CalendarExportSummary = Omit<CalendarExport, 'content' | 'jobId' | 'todosRevision'>;
