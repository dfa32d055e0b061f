import type { ExportEvent } from '@taskoverflow/contracts';
import type { TodoSelection } from '../todos/todo-selection.js';
import { isUniqueViolation } from '../unique-violation.js';
import type { ExportScope } from './export-scope.js';
import type { ExportStore } from './export-store.js';
import type { CalendarExportSummary } from './export-summary.js';
import { createFinishedExports } from './finished-exports.js';
import {
  exportAfterEvent,
  type ExportEventState,
  type ObservedExport,
} from './export-event-state.js';

/**
 * What the export routes ask of the export store (finished exports from memory).
 * `activeQuota`: how many exports waiting or running one user may have (null: no limit).
 */
export function createCalendarExportsRepository(
  store: ExportStore,
  { maxAttempts, activeQuota = null }: { maxAttempts: number; activeQuota?: number | null },
) {
  const finished = createFinishedExports();
  // An Idempotency-Key is its owner's: another user's same key is another key.
  const findByKey = (ownerId: string, idempotencyKey: string) =>
    store.findByIdempotencyKey(ownerId, idempotencyKey);

  const observe = async (scope: ExportScope, id: string): Promise<ObservedExport | null> => {
    const kept = finished.get(scope, id);
    if (kept) return { summary: kept, readAt: null };
    const found = await store.observe(scope, id);
    if (found) finished.keep(found.summary);
    return found;
  };

  return {
    /**
     * A new export of `ownerId`'s todos with its job (which names `requestId`,
     * the request asking, for the worker's logs); with an idempotency key
     * the owner already used, the export made then (`replayed`), whatever it
     * was asked for: the caller compares.
     * @throws QuotaExceededError when the owner has as many exports waiting or running as allowed.
     */
    async create(
      ownerId: string,
      selection: TodoSelection,
      idempotencyKey: string | undefined,
      requestId: string,
    ): Promise<{ export: CalendarExportSummary; replayed: boolean }> {
      const earlier = idempotencyKey && (await findByKey(ownerId, idempotencyKey));
      if (earlier) return { export: earlier, replayed: true };
      try {
        const created = await store.create({
          ownerId,
          selection,
          maxAttempts,
          idempotencyKey,
          requestId,
          activeQuota,
        });
        return { export: finished.keep(created), replayed: false };
      } catch (error) {
        // Two requests with the same key at once: the other one's insert won.
        const winner =
          isUniqueViolation(error) && idempotencyKey && (await findByKey(ownerId, idempotencyKey));
        if (winner) return { export: winner, replayed: true };
        throw error;
      }
    },

    /**
     * The export with this id in the scope (from memory when it was SUCCESS), and
     * when it was read from the database, for {@link afterEvent}; or null.
     */
    observe,

    /**
     * The export `seen` as an event announces it now ({@link exportAfterEvent}), or null
     * when the event cannot say and the export must be read again.
     */
    afterEvent(
      seen: ObservedExport,
      event: ExportEvent,
      state: ExportEventState | null,
    ): CalendarExportSummary | null {
      const changed = exportAfterEvent(seen, event, state);
      return changed && finished.keep(changed);
    },

    listRecent: (scope: ExportScope, limit: number): Promise<CalendarExportSummary[]> =>
      store.recent(scope, limit),

    /** The calendar of an export as stored (loaded only when it is to be sent). */
    content: (scope: ExportScope, id: string) => store.content(scope, id),
  };
}

export type CalendarExportsRepository = ReturnType<typeof createCalendarExportsRepository>;
