import { QueryContent } from '../../../components/query-content';
import { useMonitorExports } from '../api/use-monitor';
import { useSearchState } from '../../../lib/use-search-state';
import { parseStatusFilter, STATUS_LOOKS, statusFilterToSearch } from '../job-status';
import type { MonitorSummary } from '../types';
import { ExportsTable } from './exports-table';
import { StatusFilter } from './status-filter';

/** How many exports the table lists (the API's default page). */
const LISTED = 50;

/** The latest exports, filtered by status, with their details and actions. */
export function ExportsSection({
  live,
  counts,
}: {
  live: boolean;
  counts: MonitorSummary['exports'] | undefined;
}) {
  const [status, setStatus] = useSearchState(parseStatusFilter, statusFilterToSearch);
  const exports = useMonitorExports(status, LISTED, live);
  const which = status === null ? 'exports' : `${STATUS_LOOKS[status].label.toLowerCase()} exports`;
  return (
    <>
      <StatusFilter status={status} counts={counts} onChange={setStatus} />
      <QueryContent query={exports} what={which}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No {which}.</p>
          ) : (
            <>
              <ExportsTable exports={list} busy={exports.isPlaceholderData} />
              {list.length === LISTED && <p className="hint">The latest {LISTED} are listed.</p>}
            </>
          )
        }
      </QueryContent>
    </>
  );
}
