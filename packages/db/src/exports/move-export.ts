import type { ExportStatus } from '@taskoverflow/contracts';
import type { Prisma } from '../generated/prisma/client.js';
import type { Database } from './database.js';
import { IllegalExportTransition, canTransition, statusesLeadingTo } from './export-transitions.js';
import { exportSummary, type CalendarExportSummary } from './export-summary.js';

/**
 * Who may write: the attempt running the export's job `jobId` and, once that
 * attempt has started, whose number is `attempt`.
 */
export interface AttemptFence {
  jobId: bigint;
  attempt?: number;
}

export interface ExportMove {
  id: string;
  to: ExportStatus;
  /** Write only while the export is still this attempt's. */
  fence?: AttemptFence;
  /** The other columns written with the status. */
  data?: Omit<Prisma.CalendarExportUpdateManyMutationInput, 'status'>;
}

function ownerOf(fence: AttemptFence | undefined): Prisma.CalendarExportWhereInput {
  if (!fence) return {};
  return fence.attempt === undefined
    ? { jobId: fence.jobId }
    : { jobId: fence.jobId, attempts: fence.attempt };
}

/**
 * The one write of an export's status: moves it to `to` along
 * {@link EXPORT_TRANSITIONS}, in one statement (the status, the fence and the
 * data together, so that no concurrent writer can slip between check and write).
 *
 * @returns the export as moved; null when it does not exist or, fenced, is no
 *   longer that attempt's (another attempt, a cancel, a reaper took it).
 * @throws IllegalExportTransition when its status cannot move to `to`.
 */
export async function moveExport(
  db: Database,
  { id, to, fence, data = {} }: ExportMove,
): Promise<CalendarExportSummary | null> {
  const owner = ownerOf(fence);
  const [moved] = await db.calendarExport.updateManyAndReturn({
    where: { id, status: { in: statusesLeadingTo(to) }, ...owner },
    data: { ...data, status: to },
    omit: exportSummary,
  });
  if (moved) return moved;
  // Refused: say why, with a look at the export (only on this rare path).
  const current = await db.calendarExport.findFirst({
    where: { id, ...owner },
    select: { status: true },
  });
  if (!current) return null;
  if (!canTransition(current.status, to)) throw new IllegalExportTransition(id, current.status, to);
  // Another writer moved it between the two statements, to a status that may go on: once more.
  return moveExport(db, { id, to, fence, data });
}
