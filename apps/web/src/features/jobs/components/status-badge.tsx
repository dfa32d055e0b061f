import type { TaskStatus } from '../../../lib/export-status';
import { STATUS_LOOKS } from '../job-status';

export function StatusBadge({ status }: { status: TaskStatus }) {
  const { label, tone } = STATUS_LOOKS[status];
  return <span className={`badge tone-${tone}`}>{label}</span>;
}
