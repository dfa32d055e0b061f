/** The five `task_status` names (Celery's, so existing clients keep working), in the order an export goes through them. */
export const EXPORT_STATUSES = ['PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
/** Statuses after which nothing more happens to an export. */
export const FINAL_EXPORT_STATUSES: readonly ExportStatus[] = ['SUCCESS', 'FAILURE'];

/** Whether `value` is one of the {@link EXPORT_STATUSES} (what an event stream sends is untrusted). */
export function isExportStatus(value: unknown): value is ExportStatus {
  return (EXPORT_STATUSES as readonly unknown[]).includes(value);
}

/** Whether nothing more happens to an export in `status`. */
export function isFinalExportStatus(status: ExportStatus): boolean {
  return FINAL_EXPORT_STATUSES.includes(status);
}

/**
 * Every change of status an export may make, from → to. The export store
 * writes a status only along these edges; the monitor offers only the
 * actions they allow.
 */
export const EXPORT_TRANSITIONS: Readonly<Record<ExportStatus, readonly ExportStatus[]>> = {
  // A worker starts it; its worker stopped before starting it (it gets a new job); cancelled.
  PENDING: ['STARTED', 'RETRY', 'FAILURE'],
  // Its job runs again after an attempt that could not record its outcome (the
  // database was away); a failed, reaped or interrupted attempt; done; the last
  // attempt failed, or cancelled.
  STARTED: ['STARTED', 'RETRY', 'SUCCESS', 'FAILURE'],
  // The next attempt starts; its worker stopped before starting it; cancelled, or abandoned.
  RETRY: ['STARTED', 'RETRY', 'FAILURE'],
  SUCCESS: [],
  // Started over from the jobs monitor.
  FAILURE: ['PENDING'],
};

/** Whether an export in status `from` may move to `to`. */
export function canTransition(from: ExportStatus, to: ExportStatus): boolean {
  return EXPORT_TRANSITIONS[from].includes(to);
}

/** The statuses from which an export may move to `to`. */
export function statusesLeadingTo(to: ExportStatus): ExportStatus[] {
  return EXPORT_STATUSES.filter((from) => canTransition(from, to));
}

/** The jobs monitor's actions on one export, each by the status it moves the export to. */
export const EXPORT_ACTION_TARGETS = {
  retry: 'PENDING',
  cancel: 'FAILURE',
} as const satisfies Record<string, ExportStatus>;
export type ExportAction = keyof typeof EXPORT_ACTION_TARGETS;

/** The monitor actions that an export in `status` allows, as the transition table says. */
export function exportActionsFrom(status: ExportStatus): ExportAction[] {
  return (Object.keys(EXPORT_ACTION_TARGETS) as ExportAction[]).filter((action) =>
    canTransition(status, EXPORT_ACTION_TARGETS[action]),
  );
}
