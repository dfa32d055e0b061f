import type { ReactNode } from 'react';
import { describeSelection } from '../../../lib/todo-selection';
import { formatTime } from '../../../lib/format-time';
import { stepTime } from '../export-timing';
import { formatBytes, formatClock, formatPercent } from '../monitor-format';
import type { MonitorExport } from '../types';

const count = (value: number | null) => (value === null ? '–' : value.toLocaleString());

/** Everything known about one export: what it covers, its attempts, its timeline, its result or error. */
export function ExportDetails({ item }: { item: MonitorExport }) {
  const facts: [string, ReactNode][] = [
    ['Task id', <code key="id">{item.task_id}</code>],
    ['Selection', describeSelection(item.selection)],
    ['Attempts', `${item.attempts} of ${item.max_attempts}`],
    ['Queued', formatTime(item.created_at)],
    ['Started', stepTime(item.started_at, item.created_at)],
    ['Finished', stepTime(item.finished_at, item.started_at ?? item.created_at)],
    ['Progress', formatPercent(item.progress)],
    ['Todos → events', `${count(item.todo_count)} → ${count(item.event_count)}`],
    ['Size', formatBytes(item.size_bytes)],
    ['Worker', item.worker ?? '–'],
  ];
  if (item.next_attempt_at) facts.push(['Next attempt', formatClock(item.next_attempt_at)]);
  if (item.expires_at) facts.push(['Expires', formatTime(item.expires_at)]);

  return (
    <div className="export-details">
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {item.error && (
        <p className="details-error">
          <strong>Error:</strong> {item.error}
        </p>
      )}
      {item.task_status === 'SUCCESS' && (
        <a href={item.result_url} download>
          Download the calendar
        </a>
      )}
    </div>
  );
}
