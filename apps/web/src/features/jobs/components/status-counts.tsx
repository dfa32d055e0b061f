import { EXPORT_STATUSES } from '@taskoverflow/contracts/values';
import { STATUS_LOOKS } from '../job-status';
import type { MonitorSummary } from '../types';
import { StatTiles } from './stat-tiles';

/** How many exports are in each state (those not purged yet). */
export function StatusCounts({ counts }: { counts: MonitorSummary['exports'] }) {
  return (
    <StatTiles
      tiles={EXPORT_STATUSES.map((status) => ({
        ...STATUS_LOOKS[status],
        value: counts[status].toLocaleString(),
      }))}
    />
  );
}
