import { formatTime } from '../../../lib/format-time';
import { useNow } from '../../../lib/use-now';
import { formatAgo, shortId } from '../monitor-format';
import type { MonitorWorker } from '../types';
import { TableScroll } from '../../../components/table-scroll';

/** Alive ones first: a silent worker matters, but the working ones are what people look for. */
const byAliveThenHost = (a: MonitorWorker, b: MonitorWorker) =>
  Number(b.alive) - Number(a.alive) || a.hostname.localeCompare(b.hostname) || a.pid - b.pid;

/** Worker processes: heartbeat age, alive or silent, how busy, and the exports they hold. */
export function WorkersTable({ workers }: { workers: MonitorWorker[] }) {
  const now = useNow(1_000);
  if (workers.length === 0)
    return (
      <p className="empty-state">No worker has reported yet. Exports wait until one starts.</p>
    );
  return (
    <TableScroll label="Workers">
      <table className="data-table">
        <caption className="visually-hidden">Workers</caption>
        <thead>
          <tr>
            <th scope="col">Worker</th>
            <th scope="col">Last heartbeat</th>
            <th scope="col">Busy</th>
            <th scope="col">Working on</th>
          </tr>
        </thead>
        <tbody>
          {workers.toSorted(byAliveThenHost).map((worker) => (
            <tr key={worker.pool_id} className={worker.alive ? undefined : 'is-silent'}>
              <th scope="row">
                <span className="cell-main">{worker.hostname}</span>
                <span className="hint">pid {worker.pid}</span>
                <span className="hint">up since {formatTime(worker.started_at)}</span>
              </th>
              <td>
                <span className={`badge tone-${worker.alive ? 'success' : 'error'}`}>
                  {worker.alive ? 'Alive' : 'Silent'}
                </span>{' '}
                <time dateTime={worker.last_seen_at} className="hint">
                  {formatAgo(worker.last_seen_at, now)}
                </time>
              </td>
              <td className="busy-cell">
                <meter
                  min={0}
                  max={worker.concurrency}
                  value={worker.jobs.length}
                  aria-label={`${worker.jobs.length} of ${worker.concurrency} slots busy`}
                />
                <span>
                  {worker.jobs.length} / {worker.concurrency}
                </span>
              </td>
              <td>
                {worker.jobs.length === 0 ? (
                  <span className="hint">idle</span>
                ) : (
                  <ul className="id-list">
                    {worker.jobs.map((taskId) => (
                      <li key={taskId}>
                        <code title={taskId}>{shortId(taskId)}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
