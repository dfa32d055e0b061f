import type { StoredCalendarContent } from './send-calendar.js';
import {
  exportSummary,
  isUniqueViolation,
  type CalendarExportSummary,
  type ExportStore,
  type PrismaClient,
  type TodoSelection,
} from '@taskoverflow/db';

/** The only place the export routes reach the database: reads here, every write through the export store. */
export function createCalendarExportsRepository(
  prisma: PrismaClient,
  store: ExportStore,
  { maxAttempts }: { maxAttempts: number },
) {
  // An Idempotency-Key is its owner's: another user's same key is another key.
  const findByKey = (ownerId: string, idempotencyKey: string) =>
    prisma.calendarExport.findUnique({
      where: { ownerId_idempotencyKey: { ownerId, idempotencyKey } },
      omit: exportSummary,
    });

  return {
    /**
     * A new export of `ownerId`'s todos with its job; with an idempotency key
     * the owner already used, the export made then (`replayed`), whatever it
     * was asked for: the caller compares.
     */
    async create(
      ownerId: string,
      selection: TodoSelection,
      idempotencyKey: string | undefined,
    ): Promise<{ export: CalendarExportSummary; replayed: boolean }> {
      const earlier = idempotencyKey && (await findByKey(ownerId, idempotencyKey));
      if (earlier) return { export: earlier, replayed: true };
      try {
        return {
          export: await store.create({ ownerId, selection, maxAttempts, idempotencyKey }),
          replayed: false,
        };
      } catch (error) {
        // Two requests with the same key at once: the other one's insert won.
        const winner =
          isUniqueViolation(error) && idempotencyKey && (await findByKey(ownerId, idempotencyKey));
        if (winner) return { export: winner, replayed: true };
        throw error;
      }
    },

    get(id: string): Promise<CalendarExportSummary | null> {
      return prisma.calendarExport.findUnique({ where: { id }, omit: exportSummary });
    },

    listRecent(limit: number): Promise<CalendarExportSummary[]> {
      return prisma.calendarExport.findMany({
        orderBy: { createdAt: 'desc' },
        take: limit,
        omit: exportSummary,
      });
    },

    /** The calendar of an export as stored (loaded only when it is to be sent). */
    async content(id: string): Promise<StoredCalendarContent | null> {
      const found = await prisma.calendarExport.findUnique({
        where: { id },
        select: { content: true, contentEncoding: true },
      });
      return found?.content
        ? { content: found.content, contentEncoding: found.contentEncoding }
        : null;
    },
  };
}

export type CalendarExportsRepository = ReturnType<typeof createCalendarExportsRepository>;
