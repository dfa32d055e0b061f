import { apiRequest } from '../../../lib/api-client';
import type { TodoSelection } from '../../../lib/todo-selection';
import type { ExportStatusResponse, ExportCreated } from '../types';

export const exportKeys = {
  recent: ['exports', 'recent'] as const,
  status: (taskId: string) => ['exports', 'status', taskId] as const,
};

export const RECENT_EXPORTS = 5;

export async function startExport(
  selection: TodoSelection,
  idempotencyKey: string,
): Promise<ExportCreated> {
  const { data } = await apiRequest<ExportCreated>('/todos/ical', {
    method: 'POST',
    body: selection,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return data;
}

/**
 * An export's status. `waitForEnd`: let the API hold the answer a moment (its long poll, up to
 * about a second) in case the export ends meanwhile, which suits polling without the event stream.
 */
export async function fetchExportStatus(
  taskId: string,
  { waitForEnd, signal }: { waitForEnd: boolean; signal?: AbortSignal },
): Promise<ExportStatusResponse> {
  return (
    await apiRequest<ExportStatusResponse>(`/todos/ical/${encodeURIComponent(taskId)}/status`, {
      // Otherwise the status as it is now: the page learns of changes from the event stream, not
      // by waiting.
      headers: waitForEnd ? {} : { prefer: 'wait=0' },
      signal,
    })
  ).data;
}

export async function fetchRecentExports(signal?: AbortSignal): Promise<ExportStatusResponse[]> {
  return (
    await apiRequest<ExportStatusResponse[]>('/todos/ical', {
      query: { limit: RECENT_EXPORTS },
      signal,
    })
  ).data;
}
