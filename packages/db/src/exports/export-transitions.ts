import type { ExportStatus } from '@taskoverflow/contracts';

// The table itself is a rule the web shares, so it lives in the contracts' values.
export { EXPORT_TRANSITIONS, canTransition, statusesLeadingTo } from '@taskoverflow/contracts';

/** A change of status that the table does not allow: a bug, or a request that does not apply. */
export class IllegalExportTransition extends Error {
  constructor(
    readonly exportId: string,
    readonly from: ExportStatus,
    readonly to: ExportStatus,
  ) {
    super(`export ${exportId} cannot go from ${from} to ${to}`);
    this.name = 'IllegalExportTransition';
  }
}
