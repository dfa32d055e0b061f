import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { isClientError } from '../../../lib/api-client';
import type { TodoSelection } from '../../../lib/todo-selection';
import { isFinished, newIdempotencyKey, pollDelay, upsertExport } from '../export-tracking';
import type { ExportStatus } from '../types';
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

/** Polls an export's status, backing off while it runs and stopping once it has finished or is unknown. */
export function useExportStatus(taskId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: exportKeys.status(taskId ?? ''),
    queryFn:
      taskId === null
        ? skipToken
        : async ({ signal }) => {
            const status = await fetchExportStatus(taskId, signal);
            queryClient.setQueryData<ExportStatus[]>(
              exportKeys.recent,
              (list) => list && upsertExport(list, status),
            );
            return status;
          },
    refetchInterval: ({ state }) => {
      if (state.data && isFinished(state.data.task_status)) return false;
      if (isClientError(state.error)) return false;
      return pollDelay(state.dataUpdateCount + state.errorUpdateCount);
    },
  });
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
