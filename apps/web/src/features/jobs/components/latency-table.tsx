import { formatSeconds } from '../monitor-format';
import type { WindowStats } from '../types';
import { TableScroll } from '../../../components/table-scroll';

const PERCENTILES = ['p50', 'p95', 'p99'] as const;

/** Throughput and latency percentiles over the last 1, 5 and 60 minutes. */
export function LatencyTable({ windows }: { windows: WindowStats[] }) {
  return (
    <TableScroll label="Latency">
      <table className="data-table numeric">
        <caption className="visually-hidden">Finished exports and their latency by window</caption>
        <thead>
          <tr>
            {['Last', 'Succeeded', 'Failed', 'Per min'].map((name) => (
              <th key={name} rowSpan={2} scope="col">
                {name}
              </th>
            ))}
            {['Wait', 'Run'].map((name) => (
              <th key={name} colSpan={PERCENTILES.length} scope="colgroup">
                {name}
              </th>
            ))}
          </tr>
          <tr>
            {[...PERCENTILES, ...PERCENTILES].map((p, i) => (
              <th key={i} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {windows.map((window) => (
            <tr key={window.minutes}>
              <th scope="row">{window.minutes} min</th>
              <td>{window.succeeded.toLocaleString()}</td>
              <td className={window.failed > 0 ? 'text-error' : undefined}>
                {window.failed.toLocaleString()}
              </td>
              <td>{window.per_minute.toLocaleString(undefined, { maximumFractionDigits: 1 })}</td>
              {PERCENTILES.map((p) => (
                <td key={`wait-${p}`}>{formatSeconds(window.wait[p])}</td>
              ))}
              {PERCENTILES.map((p) => (
                <td key={`run-${p}`}>{formatSeconds(window.run[p])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
