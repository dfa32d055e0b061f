import type { TodoSelection } from '../todos/todo-selection.js';
import { isUniqueViolation } from '../unique-violation.js';
import type { ExportScope } from './export-scope.js';
import type { ExportStore } from './export-store.js';
import type { CalendarExportSummary } from './export-summary.js';
import { createFinishedExports } from './finished-exports.js';

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

    async get(scope: ExportScope, id: string): Promise<CalendarExportSummary | null> {
      const kept = finished.get(scope, id);
      if (kept) return kept;
      const found = await store.find(scope, id);
      return found && finished.keep(found);
    },

    listRecent: (scope: ExportScope, limit: number): Promise<CalendarExportSummary[]> =>
      store.recent(scope, limit),

    /** The calendar of an export as stored (loaded only when it is to be sent). */
    content: (scope: ExportScope, id: string) => store.content(scope, id),
  };
}

export type CalendarExportsRepository = ReturnType<typeof createCalendarExportsRepository>;
