import { useId, type ReactNode } from 'react';
import { ErrorBoundary } from '../../../components/error-boundary';
import { QueryContent } from '../../../components/query-content';
import { isLive } from '../../../lib/export-events';
import { useUser } from '../../../lib/session';
import { useMonitorSummary, useMonitorWorkers } from '../api/use-monitor';
import { useLiveMonitor } from '../api/use-live-monitor';
import { ExportsSection } from './exports-section';
import { LatencyTable } from './latency-table';
import { LiveBadge } from './live-badge';
import { QueueStats } from './queue-stats';
import { RecentFailures } from './recent-failures';
import { StatusCounts } from './status-counts';
import { ThroughputChart } from './throughput-chart';
import { WorkersTable } from './workers-table';
import '../jobs.css';

/** A card with a heading that names it; `wide` spans both columns on wide screens. */
function Panel({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <section className={`card${wide ? ' span-all' : ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ErrorBoundary what={title.toLowerCase()}>{children}</ErrorBoundary>
    </section>
  );
}

/** The jobs monitor: calendar exports, the queue and the workers, live. */
export function JobsPage() {
  const liveState = useLiveMonitor();
  const live = isLive(liveState);
  const summary = useMonitorSummary(live);
  const workers = useMonitorWorkers();
  // What the API shows is its business (it scopes the monitor); the page says whose it is.
  const admin = useUser()?.role === 'admin';
  return (
    <div className="jobs">
      <div className="jobs-heading span-all">
        <div>
          <h2>Jobs</h2>
          <p className="hint">Calendar exports: the queue, the workers, and what they finish.</p>
          {admin && (
            <p className="hint">All users: as the admin, you see every account’s exports.</p>
          )}
        </div>
        <LiveBadge state={liveState} />
      </div>
      <Panel title="Exports by status">
        <QueryContent query={summary} what="the counts">
          {(data) => <StatusCounts counts={data.exports} />}
        </QueryContent>
      </Panel>
      <Panel title="Queue">
        <QueryContent query={summary} what="the queue">
          {(data) => <QueueStats queue={data.queue} />}
        </QueryContent>
      </Panel>
      <Panel title="Throughput and latency" wide>
        <QueryContent query={summary} what="the throughput">
          {(data) => (
            <>
              <ThroughputChart minutes={data.per_minute} />
              <LatencyTable windows={data.windows} />
              <p className="hint">
                Wait: from queued to started. Run: from started to finished. Percentiles of the
                exports finished in each window.
              </p>
            </>
          )}
        </QueryContent>
      </Panel>
      <Panel title="Workers" wide>
        <QueryContent query={workers} what="the workers">
          {(data) => <WorkersTable workers={data} />}
        </QueryContent>
      </Panel>
      <Panel title="Recent failures" wide>
        <RecentFailures live={live} />
      </Panel>
      <Panel title="Exports" wide>
        <ExportsSection live={live} counts={summary.data?.exports} />
      </Panel>
    </div>
  );
}

/** For `React.lazy`, which wants a default export. */
export default JobsPage;
