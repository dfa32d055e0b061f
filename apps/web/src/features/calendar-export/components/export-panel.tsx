import { useId, useState } from 'react';
import { NavLink } from '../../../components/nav-link';
import { ApiError, isClientError } from '../../../lib/api-client';
import { ROUTE_PATHS } from '../../../lib/navigation';
import { describeSelection, type TodoSelection } from '../../../lib/todo-selection';
import { useNow } from '../../../lib/use-now';
import { useExportStatus, useFollowedExport, useStartExport } from '../api/use-exports';
import { canDownload } from '../export-tracking';
import { ExportProgress } from './export-progress';
import { RecentExports } from './recent-exports';

function startFailure(error: Error): string {
  if (error instanceof ApiError && error.status === 429) {
    const wait =
      error.retryAfterSeconds === null ? 'in a moment' : `in ${error.retryAfterSeconds} s`;
    return `Too many requests at once. Try again ${wait}.`;
  }
  return `Could not start the export. ${error.message}`;
}

/** Starts calendar exports and follows the latest until its file can be downloaded. */
export function ExportPanel({ selection }: { selection: TodoSelection }) {
  const id = useId();
  const now = useNow();
  const [taskId, follow] = useFollowedExport();
  const status = useExportStatus(taskId);
  const start = useStartExport(follow);
  const [onlyFiltered, setOnlyFiltered] = useState(false);
  const filtered = Object.keys(selection).length > 0;

  return (
    <section className="card export" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Calendar export</h2>
      <p className="hint">
        Todos with a deadline become events in an .ics file for Google Calendar, Apple Calendar,
        Outlook or Thunderbird. To have a calendar app keep up by itself,{' '}
        <NavLink to={ROUTE_PATHS.subscribe} current={false}>
          subscribe to a feed
        </NavLink>
        .
      </p>
      {filtered && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyFiltered}
            onChange={(event) => setOnlyFiltered(event.target.checked)}
          />
          Only {describeSelection(selection)}
        </label>
      )}
      <button
        type="button"
        className="primary"
        disabled={start.isPending}
        onClick={() => start.mutate(filtered && onlyFiltered ? selection : {})}
      >
        {start.isPending ? 'Starting…' : 'Export calendar'}
      </button>
      {start.isError && (
        <p className="form-error" role="alert">
          {startFailure(start.error)}
        </p>
      )}
      {status.isError && !isClientError(status.error) && (
        <p className="hint">
          Could not check on the export ({status.error.message}); still trying.
        </p>
      )}
      <ExportProgress
        status={status.data}
        waiting={
          start.isPending
            ? 'Starting the export…'
            : status.isLoading
              ? 'Checking on the export…'
              : ''
        }
        downloadable={status.data !== undefined && canDownload(status.data, now)}
        onTryAgain={(failed) => start.mutate(failed.selection)}
      />
      <RecentExports now={now} />
    </section>
  );
}
