import { apiRequest } from '../../../lib/api-client';
import type { TodoSelection } from '../../../lib/todo-selection';
import type { ExportStatus, ExportTask } from '../types';

export const exportKeys = {
  recent: ['exports', 'recent'] as const,
  status: (taskId: string) => ['exports', 'status', taskId] as const,
};

export const RECENT_EXPORTS = 5;

export async function startExport(
  selection: TodoSelection,
  idempotencyKey: string,
): Promise<ExportTask> {
  const { data } = await apiRequest<ExportTask>('/todos/ical', {
    method: 'POST',
    body: selection,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return data;
}

export async function fetchExportStatus(
  taskId: string,
  signal?: AbortSignal,
): Promise<ExportStatus> {
  return (
    await apiRequest<ExportStatus>(`/todos/ical/${encodeURIComponent(taskId)}/status`, {
      // The status as it is now: the page learns of changes from the event stream, not by waiting.
      headers: { prefer: 'wait=0' },
      signal,
    })
  ).data;
}

export async function fetchRecentExports(signal?: AbortSignal): Promise<ExportStatus[]> {
  return (
    await apiRequest<ExportStatus[]>('/todos/ical', { query: { limit: RECENT_EXPORTS }, signal })
  ).data;
}
