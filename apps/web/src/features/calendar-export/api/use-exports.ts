import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isFinalExportStatus } from '@taskoverflow/contracts/values';
import { useCallback, useState } from 'react';
import { isClientError } from '../../../lib/api-client';
import { refetchAfterNow } from '../../../lib/refetch-after';
import type { TodoSelection } from '../../../lib/todo-selection';
import { isLive, type LiveState } from '../../../lib/export-events';
import { useExportEvents } from '../../../lib/use-export-events';
import {
  applyExportEvent,
  newIdempotencyKey,
  nextStatusPoll,
  upsertExport,
} from '../export-tracking';
import type { ExportStatusResponse } from '../types';
import {
  exportKeys,
  fetchExportStatus,
  fetchRecentExports,
  RECENT_EXPORTS,
  startExport,
} from './exports-api';

const FOLLOWED_KEY = 'taskoverflow.followed-export';

// Storage can be unavailable (privacy modes); following then lasts until a reload.
function readFollowed(): string | null {
  try {
    return localStorage.getItem(FOLLOWED_KEY);
  } catch {
    return null;
  }
}

function writeFollowed(taskId: string) {
  try {
    localStorage.setItem(FOLLOWED_KEY, taskId);
  } catch {
    // See readFollowed.
  }
}

/** The export the page follows; remembered so that a reload picks it up again. */
export function useFollowedExport(): [string | null, (taskId: string) => void] {
  const [taskId, setTaskId] = useState(readFollowed);
  const follow = useCallback((id: string) => {
    writeFollowed(id);
    setTaskId(id);
  }, []);
  return [taskId, follow];
}

/**
 * Follows an export's status until it has finished or is unknown: through the
 * event stream where it works, polling with backoff where it does not (or
 * while it connects or reconnects).
 */
export function useExportStatus(taskId: string | null) {
  const queryClient = useQueryClient();
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const queryKey = exportKeys.status(taskId ?? '');
  const query = useQuery({
    queryKey,
    queryFn:
      taskId === null
        ? skipToken
        : async ({ signal }) => {
            // Waiting only where polling is all there is: a stream that connects or reconnects
            // will tell of the end itself.
            const status = await fetchExportStatus(taskId, {
              waitForEnd: liveState === 'unavailable',
              signal,
            });
            queryClient.setQueryData<ExportStatusResponse[]>(
              exportKeys.recent,
              (list) => list && upsertExport(list, status),
            );
            return status;
          },
    refetchInterval: ({ state }) =>
      nextStatusPoll(
        {
          data: state.data,
          refused: isClientError(state.error),
          updates: state.dataUpdateCount + state.errorUpdateCount,
        },
        isLive(liveState),
      ),
  });
  const refetch = () => void refetchAfterNow(queryClient, { queryKey, exact: true });
  // From the first answer on: a finished export (the usual case after a reload) needs no
  // stream, and what changes before the stream is ready is fetched on `ready`.
  const following =
    taskId !== null && query.data !== undefined && !isFinalExportStatus(query.data.task_status);
  useExportEvents(following ? { taskId } : null, {
    onExport: (event) => {
      const { status, refetch: refetchWhole } = applyExportEvent(
        queryClient.getQueryData(queryKey),
        event,
      );
      if (refetchWhole) refetch();
      else queryClient.setQueryData(queryKey, status);
    },
    onResync: refetch,
    onStateChange: setLiveState,
  });
  return query;
}

export function useRecentExports() {
  return useQuery({
    queryKey: exportKeys.recent,
    queryFn: ({ signal }) => fetchRecentExports(signal),
    select: (list) => list.slice(0, RECENT_EXPORTS),
  });
}

/** Starts an export and hands its id to `onStarted`. */
export function useStartExport(onStarted: (taskId: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (selection: TodoSelection) => startExport(selection, newIdempotencyKey()),
    onSuccess: (task) => {
      onStarted(task.task_id);
      void queryClient.invalidateQueries({ queryKey: exportKeys.recent });
    },
  });
}
