import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportAction, ExportStatus } from '@taskoverflow/contracts/values';
import { useNotify } from '../../../components/notices';
import { failureMessage } from '../../../lib/api-client';
import { shortId } from '../monitor-format';
import type { MonitorExport } from '../types';
import {
  fetchExports,
  fetchSummary,
  fetchWorkers,
  monitorKeys,
  runExportAction,
} from './monitor-api';

/** Without the event stream, the view polls at this pace; workers always (heartbeat ages move on). */
export const POLL_MS = 5_000;
/** With the stream, events drive the refreshes; this only keeps the minute windows sliding. */
const LIVE_POLL_MS = 30_000;

const pollInterval = (live: boolean) => (live ? LIVE_POLL_MS : POLL_MS);

export function useMonitorSummary(live: boolean) {
  return useQuery({
    queryKey: monitorKeys.summary,
    queryFn: ({ signal }) => fetchSummary(signal),
    refetchInterval: pollInterval(live),
  });
}

export function useMonitorWorkers() {
  return useQuery({
    queryKey: monitorKeys.workers,
    queryFn: ({ signal }) => fetchWorkers(signal),
    refetchInterval: POLL_MS,
  });
}

/** The latest exports; the previous filter's rows stay up while the new ones load. */
export function useMonitorExports(status: ExportStatus | null, limit: number, live: boolean) {
  return useQuery({
    queryKey: monitorKeys.exports(status, limit),
    queryFn: ({ signal }) => fetchExports(status, limit, signal),
    refetchInterval: pollInterval(live),
    placeholderData: keepPreviousData,
  });
}

const DONE: Record<ExportAction, string> = { retry: 'queued again', cancel: 'cancelled' };

/** Retry or cancel one export; the outcome, or the API's refusal (409), is told as a notice. */
export function useExportAction(taskId: string) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (action: ExportAction) => runExportAction(action, taskId),
    onSuccess: (updated, action) => {
      queryClient.setQueriesData<MonitorExport[]>({ queryKey: monitorKeys.exportLists }, (list) =>
        list?.map((item) => (item.task_id === updated.task_id ? updated : item)),
      );
      notify({ tone: 'info', message: `Export ${shortId(taskId)} ${DONE[action]}.` });
    },
    onError: (error, action) => {
      notify({
        tone: 'error',
        message: failureMessage(`Could not ${action} export ${shortId(taskId)}`, error),
      });
    },
    // Success or refusal, the export (and the counts) changed, or were not what the page showed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: monitorKeys.all }),
  });
}
