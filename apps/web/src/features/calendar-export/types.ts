export type {
  ExportCreated as ExportTask,
  ExportStatus as TaskStatus,
  ExportStatusResponse as ExportStatus,
} from '@taskoverflow/contracts';
