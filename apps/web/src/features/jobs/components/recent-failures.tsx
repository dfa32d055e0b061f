import { useState } from 'react';
import { QueryContent } from '../../../components/query-content';
import { useNow } from '../../../lib/use-now';
import { useMonitorExports } from '../api/use-monitor';
import { announceFailures, newFailures } from '../failure-announcements';
import { formatAgo, shortId } from '../monitor-format';
import type { MonitorExport } from '../types';

const SHOWN = 5;

/** The latest failures with their reasons; new ones are also announced to screen readers. */
export function RecentFailures({ live }: { live: boolean }) {
  const now = useNow(1_000);
  const failures = useMonitorExports('FAILURE', SHOWN, live);
  const announcement = useFailureAnnouncement(failures.data);
  return (
    <>
      {/* Always in the page: only changes of a live region that already exists are announced. */}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <QueryContent query={failures} what="the failures">
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No failed exports.</p>
          ) : (
            <ol className="failure-list">
              {list.map((item) => (
                <li key={item.task_id}>
                  <p>
                    <code title={item.task_id}>{shortId(item.task_id)}</code>{' '}
                    <span className="hint">
                      {item.finished_at && formatAgo(item.finished_at, now)} · after {item.attempts}{' '}
                      of {item.max_attempts} attempts
                    </span>
                  </p>
                  <p className="details-error">{item.error ?? 'No reason recorded.'}</p>
                </li>
              ))}
            </ol>
          )
        }
      </QueryContent>
    </>
  );
}

/** The sentence for the failures that appeared since the last look; kept until newer ones replace it. */
function useFailureAnnouncement(failures: MonitorExport[] | undefined): string {
  const [seen, setSeen] = useState(failures);
  const [announcement, setAnnouncement] = useState('');
  // Adjusting state to a new answer while rendering (no effect, no extra paint).
  if (failures !== undefined && failures !== seen) {
    setSeen(failures);
    const sentence = announceFailures(newFailures(seen, failures, SHOWN));
    if (sentence !== null) setAnnouncement(sentence);
  }
  return announcement;
}
