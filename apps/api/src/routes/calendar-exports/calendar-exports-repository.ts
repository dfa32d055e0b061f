import {
  isUniqueViolation,
  type CalendarExportSummary,
  type ExportStore,
  type TodoSelection,
} from '@taskoverflow/db';

/** What the export routes ask of the export store. */
export function createCalendarExportsRepository(
  store: ExportStore,
  { maxAttempts }: { maxAttempts: number },
) {
  const findByKey = (idempotencyKey: string) => store.findByIdempotencyKey(idempotencyKey);

  return {
    /**
     * A new export with its job; with an idempotency key already used, the
     * export made then (`replayed`), whatever it was asked for: the caller compares.
     */
    async create(
      selection: TodoSelection,
      idempotencyKey: string | undefined,
    ): Promise<{ export: CalendarExportSummary; replayed: boolean }> {
      const earlier = idempotencyKey && (await findByKey(idempotencyKey));
      if (earlier) return { export: earlier, replayed: true };
      try {
        return {
          export: await store.create({ selection, maxAttempts, idempotencyKey }),
          replayed: false,
        };
      } catch (error) {
        // Two requests with the same key at once: the other one's insert won.
        const winner =
          isUniqueViolation(error) && idempotencyKey && (await findByKey(idempotencyKey));
        if (winner) return { export: winner, replayed: true };
        throw error;
      }
    },

    get: (id: string): Promise<CalendarExportSummary | null> => store.find(id),

    listRecent: (limit: number): Promise<CalendarExportSummary[]> => store.recent(limit),

    /** The calendar of an export as stored (loaded only when it is to be sent). */
    content: (id: string) => store.content(id),
  };
}

export type CalendarExportsRepository = ReturnType<typeof createCalendarExportsRepository>;
