import { GENERATE_CALENDAR_TASK, type GenerateCalendarPayload } from '@taskoverflow/contracts';
import type { CalendarExport, Prisma, PrismaClient } from './generated/prisma/client.js';
import type { TodoSelection } from './todo-selection.js';

export interface NewCalendarExport {
  selection: TodoSelection;
  maxAttempts: number;
  idempotencyKey?: string | undefined;
}

/** The export's columns without the calendar bytes (they can be tens of MB). */
export const exportSummary = { content: false } as const satisfies Prisma.CalendarExportOmit;
export type CalendarExportSummary = Omit<CalendarExport, 'content'>;

/** Puts the export's generation job in graphile-worker's queue, inside the caller's transaction. */
async function enqueueGeneration(
  tx: Prisma.TransactionClient,
  exportId: string,
  maxAttempts: number,
) {
  const payload: GenerateCalendarPayload = { exportId };
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(${GENERATE_CALENDAR_TASK}, ${JSON.stringify(payload)}::json,
                                   max_attempts := ${maxAttempts}::int, job_key := ${exportId})`;
}

/**
 * Records a PENDING export and enqueues its job in one transaction: either
 * both exist or neither does, so no job is ever lost or phantom.
 */
export function createCalendarExport(
  prisma: PrismaClient,
  { selection, maxAttempts, idempotencyKey }: NewCalendarExport,
): Promise<CalendarExportSummary> {
  return prisma.$transaction(async (tx) => {
    const created = await tx.calendarExport.create({
      data: {
        completed: selection.completed,
        windowDays: selection.window,
        maxAttempts,
        idempotencyKey,
      },
      omit: exportSummary,
    });
    await enqueueGeneration(tx, created.id, maxAttempts);
    return created;
  });
}

/**
 * Starts a FAILURE export over with fresh attempts (its record and a new job,
 * together). @returns the export, or null when there is no failed export with this id.
 */
export function retryCalendarExport(
  prisma: PrismaClient,
  id: string,
): Promise<CalendarExportSummary | null> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.calendarExport.updateMany({
      where: { id, status: 'FAILURE' },
      data: {
        status: 'PENDING',
        attempts: 0,
        lastError: null,
        progress: 0,
        startedAt: null,
        finishedAt: null,
        expiresAt: null,
      },
    });
    if (count === 0) return null;
    const retried = await tx.calendarExport.findUniqueOrThrow({
      where: { id },
      omit: exportSummary,
    });
    await enqueueGeneration(tx, id, retried.maxAttempts);
    return retried;
  });
}
