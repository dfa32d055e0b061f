import { ErrorState } from '../../../components/error-state';
import { describeSelection } from '../../../lib/todo-selection';
import { useRecentExports } from '../api/use-exports';
import { formatTime } from '../../../lib/format-time';
import { canDownload, exportBadge } from '../export-tracking';

export function RecentExports({ now }: { now: Date }) {
  const recent = useRecentExports();
  return (
    <div className="recent-exports">
      <h3>Recent exports</h3>
      {recent.isPending ? (
        <p className="hint">Loading…</p>
      ) : recent.isError ? (
        <ErrorState onRetry={() => void recent.refetch()}>
          Could not load recent exports. {recent.error.message}
        </ErrorState>
      ) : recent.data.length === 0 ? (
        <p className="hint">No exports yet.</p>
      ) : (
        <ol>
          {recent.data.map((item) => {
            const badge = exportBadge(item, now);
            const time = formatTime(item.created_at);
            return (
              <li key={item.task_id}>
                <span className={`badge tone-${badge.tone}`}>{badge.label}</span>
                <span className="recent-what">
                  <time dateTime={item.created_at}>{time}</time>
                  <span className="hint">
                    {describeSelection(item.selection)}
                    {item.event_count !== null && ` · ${item.event_count.toLocaleString()} events`}
                  </span>
                </span>
                {canDownload(item, now) && (
                  <a href={item.result_url} download aria-label={`Download the export of ${time}`}>
                    Download
                  </a>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
