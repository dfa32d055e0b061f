export {
  createExportStore,
  createCalendarExport,
  CANCELLED,
  WORKER_STOPPED,
  type ExportStore,
  type ExportStoreOptions,
  type NewCalendarExport,
  type ReassignedExport,
  type StoredContent,
} from './export-store.js';
export type { ExportAttempt, StoredCalendar } from './export-attempt.js';
export { exportSummary, type CalendarExportSummary } from './export-summary.js';
export type { AttemptStart } from './export-attempt.js';
export {
  EXPORT_TRANSITIONS,
  IllegalExportTransition,
  statusesLeadingTo,
} from './export-transitions.js';
export { transferExports } from './transfer-exports.js';
export type { ExportScope } from './export-scope.js';
