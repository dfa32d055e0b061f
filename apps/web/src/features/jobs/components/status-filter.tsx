import { useId } from 'react';
import { EXPORT_STATUSES, type ExportStatus } from '@taskoverflow/contracts/values';
import { STATUS_LOOKS } from '../job-status';
import type { MonitorSummary } from '../types';

interface StatusFilterProps {
  status: ExportStatus | null;
  /** Counts by status, when the summary has arrived. */
  counts: MonitorSummary['exports'] | undefined;
  onChange: (status: ExportStatus | null) => void;
}

const OPTIONS: (ExportStatus | null)[] = [null, ...EXPORT_STATUSES];

/** Radios that look like tabs (the todo filters' look), each with its count. */
export function StatusFilter({ status, counts, onChange }: StatusFilterProps) {
  const id = useId();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Show exports</legend>
      {OPTIONS.map((option) => {
        const count = counts && option !== null ? counts[option].toLocaleString() : null;
        return (
          <label key={option ?? 'all'} className={status === option ? 'is-selected' : undefined}>
            <input
              type="radio"
              name={`${id}-status`}
              checked={status === option}
              onChange={() => onChange(option)}
            />
            {option === null ? 'All' : STATUS_LOOKS[option].label}
            {count !== null && <span className="count">{count}</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
