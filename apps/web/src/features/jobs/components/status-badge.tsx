import type { ExportStatus } from '@taskoverflow/contracts/values';
import { STATUS_LOOKS } from '../job-status';

export function StatusBadge({ status }: { status: ExportStatus }) {
  const { label, tone } = STATUS_LOOKS[status];
  return <span className={`badge tone-${tone}`}>{label}</span>;
}
