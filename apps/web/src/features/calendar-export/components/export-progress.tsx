import { formatTime } from '../../../lib/format-time';
import { describeExport } from '../export-tracking';
import type { ExportStatusResponse } from '../types';

interface ExportProgressProps {
  status: ExportStatusResponse | undefined;
  /** What is happening before the first status arrives, if anything. */
  waiting: string;
  downloadable: boolean;
  onTryAgain: (status: ExportStatusResponse) => void;
}

/** The followed export: its state in words (announced), progress, error, and the download or a retry. */
export function ExportProgress({ status, waiting, downloadable, onTryAgain }: ExportProgressProps) {
  const described = status ? describeExport(status) : null;
  const text = described?.text ?? waiting;
  return (
    <div className={`export-progress${text ? ` tone-${described?.tone ?? 'busy'}` : ''}`}>
      {/* Always rendered: screen readers announce changes of a live region that already exists. */}
      <p role="status" className="export-state">
        {text}
      </p>
      {status?.task_status === 'STARTED' && (
        <div className="progress-row">
          {/* Without any progress yet the bar is indeterminate rather than stuck at 0. */}
          <progress
            max={1}
            value={status.progress > 0 ? status.progress : undefined}
            aria-label="Export progress"
          />
          <span>{Math.round(status.progress * 100)}%</span>
        </div>
      )}
      {status?.error && (status.task_status === 'RETRY' || status.task_status === 'FAILURE') && (
        <p className="export-error">Error: {status.error}</p>
      )}
      {status?.task_status === 'FAILURE' && (
        <button type="button" onClick={() => onTryAgain(status)}>
          Try again
        </button>
      )}
      {status?.task_status === 'SUCCESS' &&
        (downloadable ? (
          <p className="export-download">
            {/* `download` without a value keeps the server's file name (Content-Disposition). */}
            <a className="button primary" href={status.result_url} download>
              Download .ics
            </a>
            {status.expires_at && (
              <span className="hint">Available until {formatTime(status.expires_at)}</span>
            )}
          </p>
        ) : (
          <p className="hint">This file has expired; export again for a fresh one.</p>
        ))}
    </div>
  );
}
