import type { ExportScope } from './export-scope.js';
import type { CalendarExportSummary } from './export-summary.js';
import { LRUCache } from 'lru-cache';

/** How many finished exports one process keeps in memory. */
export const FINISHED_EXPORTS_MAX = 10_000;

/**
 * SUCCESS exports, by id. SUCCESS is final — no transition leaves it, and the
 * purge deletes an export only once it has expired — so a kept summary stays
 * true until its expiry, in every process: a status or download request for a
 * finished export reads nothing from the database. An entry is used only for a
 * caller it is in scope for (otherwise the database answers, as before).
 */
export function createFinishedExports() {
  const finished = new LRUCache<string, CalendarExportSummary>({ max: FINISHED_EXPORTS_MAX });
  return {
    /** Keeps the export if it is SUCCESS; @returns it. */
    keep(summary: CalendarExportSummary): CalendarExportSummary {
      if (summary.status === 'SUCCESS' && summary.expiresAt) finished.set(summary.id, summary);
      return summary;
    },

    /** The kept export with this id, if it is in the scope and has not expired. */
    get(scope: ExportScope, id: string): CalendarExportSummary | undefined {
      const summary = finished.get(id);
      if (!summary || summary.expiresAt! <= new Date()) return undefined;
      return scope === 'everyone' || scope.ownerId === summary.ownerId ? summary : undefined;
    },
  };
}
