import { exportActionsFrom } from '@taskoverflow/contracts/values';
import { useExportAction } from '../api/use-monitor';
import { shortId } from '../monitor-format';
import type { MonitorExport } from '../types';

/**
 * The action the export's status allows, as the contracts' transition table
 * says: Retry for a failed export, Cancel for one that has not ended (waiting
 * or running); nothing for a finished one.
 */
export function ExportActions({ item }: { item: MonitorExport }) {
  const action = useExportAction(item.task_id);
  const [which] = exportActionsFrom(item.task_status);
  if (which === undefined) return null;
  const label =
    which === 'retry'
      ? action.isPending
        ? 'Retrying…'
        : 'Retry'
      : action.isPending
        ? 'Cancelling…'
        : 'Cancel';
  return (
    <button
      type="button"
      className={which === 'cancel' ? 'danger' : undefined}
      disabled={action.isPending}
      aria-label={`${label} export ${shortId(item.task_id)}`}
      onClick={() => action.mutate(which)}
    >
      {label}
    </button>
  );
}
