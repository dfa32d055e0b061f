export type { ExportCreated, ExportStatusResponse } from '@taskoverflow/contracts';
