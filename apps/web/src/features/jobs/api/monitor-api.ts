import { apiRequest } from '../../../lib/api-client';
import type { ExportAction, ExportStatus } from '@taskoverflow/contracts/values';
import type { MonitorExport, MonitorSummary, MonitorWorker } from '../types';

export const monitorKeys = {
  all: ['monitor'] as const,
  summary: ['monitor', 'summary'] as const,
  workers: ['monitor', 'workers'] as const,
  exportLists: ['monitor', 'exports'] as const,
  exports: (status: ExportStatus | null, limit: number) =>
    ['monitor', 'exports', status ?? 'all', limit] as const,
};

export async function fetchSummary(signal?: AbortSignal): Promise<MonitorSummary> {
  return (await apiRequest<MonitorSummary>('/monitor/summary', { signal })).data;
}

export async function fetchWorkers(signal?: AbortSignal): Promise<MonitorWorker[]> {
  return (await apiRequest<MonitorWorker[]>('/monitor/workers', { signal })).data;
}

/** The latest exports, newest first; of one status when `status` is given. */
export async function fetchExports(
  status: ExportStatus | null,
  limit: number,
  signal?: AbortSignal,
): Promise<MonitorExport[]> {
  const query = { status: status ?? undefined, limit };
  return (await apiRequest<MonitorExport[]>('/monitor/exports', { query, signal })).data;
}

/** Retries a FAILURE export or cancels a PENDING one; 409 for any other status. */
export async function runExportAction(
  action: ExportAction,
  taskId: string,
): Promise<MonitorExport> {
  const path = `/monitor/exports/${encodeURIComponent(taskId)}/${action}`;
  return (await apiRequest<MonitorExport>(path, { method: 'POST' })).data;
}
