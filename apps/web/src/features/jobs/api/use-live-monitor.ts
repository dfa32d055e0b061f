import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { refetchAfterNow } from '../../../lib/refetch-after';
import { throttle } from '../../../lib/throttle';
import { useExportEvents } from '../../../lib/use-export-events';
import type { LiveState } from '../../../lib/export-events';
import { monitorKeys } from './monitor-api';

/** Hundreds of exports a second must not mean hundreds of refreshes a second. */
const REFRESH_EVERY_MS = 500;

/**
 * Refreshes the monitor's data when exports change, as the event stream tells;
 * returns how the stream is doing (the queries poll unless it is live).
 */
export function useLiveMonitor(): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const refresh = useMemo(
    () =>
      throttle(
        () => void refetchAfterNow(queryClient, { queryKey: monitorKeys.all }),
        REFRESH_EVERY_MS,
      ),
    [queryClient],
  );
  useEffect(() => () => refresh.cancel(), [refresh]);
  useExportEvents('all', { onExport: refresh, onResync: refresh, onStateChange: setState });
  return state;
}
