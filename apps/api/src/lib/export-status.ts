import type { ExportStatusResponse } from '@taskoverflow/contracts';
import { selectionOf, type CalendarExportSummary } from '@taskoverflow/db';
import type { FastifyRequest } from 'fastify';
import { apiUrl } from './api-url.js';
import { instantOrNull } from './instant.js';
import { ROUTE_PREFIXES } from './route-paths.js';

/** The absolute URL of an export's status or its result (on PUBLIC_URL when set). */
export function exportUrl(
  request: FastifyRequest,
  base: string | undefined,
  id: string,
  what: 'status' | 'result',
): string {
  return apiUrl(request, base, `${ROUTE_PREFIXES.exports}/${id}/${what}`);
}

/** The contract's status object of an export; `resultUrl` is absolute. */
export function toExportStatusResponse(
  summary: CalendarExportSummary,
  resultUrl: string,
): ExportStatusResponse {
  return {
    task_id: summary.id,
    task_status: summary.status,
    result_url: resultUrl,
    selection: selectionOf(summary),
    created_at: summary.createdAt.toISOString(),
    started_at: instantOrNull(summary.startedAt),
    finished_at: instantOrNull(summary.finishedAt),
    expires_at: instantOrNull(summary.expiresAt),
    attempts: summary.attempts,
    max_attempts: summary.maxAttempts,
    progress: summary.progress,
    todo_count: summary.todoCount,
    event_count: summary.eventCount,
    size_bytes: summary.sizeBytes,
    ...(summary.lastError && summary.status !== 'SUCCESS' ? { error: summary.lastError } : {}),
  };
}
