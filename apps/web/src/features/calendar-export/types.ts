export type {
  ExportCreated as ExportTask,
  ExportStatusResponse as ExportStatus,
} from '@taskoverflow/contracts';
