/** The calendar export as a client sees it, shared by the benchmarks that drive exports over HTTP. */
import { expectOk, todoWriter } from './todo-writes.js';

export const POLL_MS = 5;
/** The local owner's todos as `seedTodos(url, 100)` makes them. */
const SEEDED_IDS = Array.from({ length: 100 }, (_, i) => i + 1);

export interface ExportTimes {
  /** ms from just before the submit until the status answer saying SUCCESS arrived. */
  success: number;
  /** ms until the calendar was read, or `success` when it is not downloaded. */
  downloaded: number;
}

/**
 * A client of the export API at `baseUrl` that sends `headers` (say, an API
 * token) with every request, and edits `todoIds` (the caller's). A status request of an unfinished export waits
 * (the server holds it up to STATUS_WAIT_MS) for its end, so the client learns
 * it at once; after an unfinished answer it asks again `POLL_MS` later.
 */
export function exportClient(
  baseUrl: string,
  headers: Record<string, string> = {},
  todoIds: number[] = SEEDED_IDS,
) {
  const call = (url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  const writer = todoWriter(baseUrl, headers, todoIds);
  return {
    call,

    /**
     * Submits one export (of `selection`: all todos by default) and waits until
     * it is final; returns the milestones since submit.
     */
    runExport: async (
      download: boolean,
      selection?: { completed?: boolean; window?: number },
    ): Promise<ExportTimes> => {
      const started = performance.now();
      const body = selection && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(selection),
      };
      const submitted = await call(`${baseUrl}/api/v1/todos/ical`, { method: 'POST', ...body });
      if (!submitted.ok)
        throw new Error(`export submit: ${submitted.status} ${await submitted.text()}`);
      const created = (await submitted.json()) as { task_url: string };
      for (;;) {
        const status = (await (await call(created.task_url)).json()) as {
          task_status: string;
          result_url: string;
        };
        if (status.task_status === 'SUCCESS') {
          const success = performance.now() - started;
          if (download) await (await call(status.result_url)).arrayBuffer();
          return { success, downloaded: performance.now() - started };
        }
        if (status.task_status === 'FAILURE')
          throw new Error(`export failed: ${JSON.stringify(status)}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },

    /**
     * Renames one of `todoIds` (each call the next one): the export that
     * follows cannot reuse an earlier calendar, a worker has to make it.
     */
    editTodo: async (): Promise<void> => {
      expectOk(await writer.edit(), 'editing a todo');
    },
  };
}
