import { Fragment, useId, useState } from 'react';
import { describeSelection } from '../../../lib/todo-selection';
import { useNow } from '../../../lib/use-now';
import { exportTiming } from '../export-timing';
import { formatClock, formatPercent, shortId } from '../monitor-format';
import type { MonitorExport } from '../types';
import { ExportActions } from './export-actions';
import { ExportDetails } from './export-details';
import { StatusBadge } from './status-badge';
import { TableScroll } from '../../../components/table-scroll';

const COLUMNS = 6;

/** The latest exports, one row each, and the details of the one opened. */
export function ExportsTable({ exports, busy }: { exports: MonitorExport[]; busy: boolean }) {
  const id = useId();
  const now = useNow(1_000);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <TableScroll label="Exports">
      <table className="data-table exports-table" aria-busy={busy}>
        <caption className="visually-hidden">Latest exports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Export</th>
            <th scope="col">Progress</th>
            <th scope="col">Attempts</th>
            <th scope="col">Time</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {exports.map((item) => {
            const open = openId === item.task_id;
            const detailsId = `${id}-${item.task_id}`;
            return (
              <Fragment key={item.task_id}>
                <tr className={open ? 'is-open' : undefined}>
                  <td>
                    <StatusBadge status={item.task_status} />
                  </td>
                  <th scope="row">
                    <code className="cell-main" title={item.task_id}>
                      {shortId(item.task_id)}
                    </code>
                    <span className="hint">
                      <time dateTime={item.created_at}>{formatClock(item.created_at)}</time> ·{' '}
                      {describeSelection(item.selection)}
                    </span>
                  </th>
                  <td className="progress-cell">
                    <progress
                      className={`tone-${item.task_status.toLowerCase()}`}
                      max={1}
                      value={item.progress}
                      aria-label={`Progress of ${shortId(item.task_id)}`}
                    />
                    <span>{formatPercent(item.progress)}</span>
                  </td>
                  <td>
                    {item.attempts} / {item.max_attempts}
                  </td>
                  <td className="hint">{exportTiming(item, now)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button-link"
                      aria-expanded={open}
                      aria-controls={open ? detailsId : undefined}
                      aria-label={`Details of export ${shortId(item.task_id)}`}
                      onClick={() => setOpenId(open ? null : item.task_id)}
                    >
                      Details <span aria-hidden="true">{open ? '▴' : '▾'}</span>
                    </button>
                    <ExportActions item={item} />
                  </td>
                </tr>
                {open && (
                  <tr className="details-row" id={detailsId}>
                    <td colSpan={COLUMNS}>
                      <ExportDetails item={item} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
