// Hearing about export changes from the API's Server-Sent Events stream
// (`GET /monitor/events`), and when to poll instead. Plain TypeScript: the
// EventSource comes from a factory, so tests pass a fake one.
import type { ExportEvent } from '@taskoverflow/contracts';
import { API_PREFIX, isExportStatus } from '@taskoverflow/contracts/values';

/**
 * - `connecting`: opened, `ready` not yet received;
 * - `live`: events arrive as they happen;
 * - `reconnecting`: the connection dropped after working; EventSource reconnects by itself;
 * - `unavailable`: no stream here (no EventSource, or it failed before ever working): poll.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

/** The part of `EventSource` used here. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** `EventSource.CLOSED`, spelled out because jsdom has no EventSource to read it from. */
const CLOSED = 2;

/** The browser's EventSource, or null where there is none (jsdom, very old browsers). */
export function browserEventSource(): EventSourceFactory | null {
  return typeof EventSource === 'undefined' ? null : (url) => new EventSource(url);
}

/** Whether events are known to arrive (whenever they are not, the page polls). */
export function isLive(state: LiveState): boolean {
  return state === 'live';
}

/** What an `error` from the EventSource means for the page. */
export function stateAfterError(everReady: boolean, readyState: number): LiveState {
  // Never worked: something between here and the API (a buffering proxy, an older API)
  // keeps the stream from working, and reconnecting would only fail the same way.
  if (!everReady) return 'unavailable';
  // CLOSED: the browser gave up (an HTTP error answer); otherwise it reconnects after `retry`.
  return readyState === CLOSED ? 'unavailable' : 'reconnecting';
}

/** The data of an `export` event, or null if it is not one (the stream is input like any other). */
export function parseExportEvent(data: string): ExportEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const event = value as Record<string, unknown>;
  const valid =
    typeof event.task_id === 'string' &&
    isExportStatus(event.task_status) &&
    typeof event.progress === 'number' &&
    typeof event.attempts === 'number' &&
    typeof event.at === 'string';
  return valid ? (event as unknown as ExportEvent) : null;
}

export function eventsUrl(taskId: string | undefined): string {
  const base = `${API_PREFIX}/monitor/events`;
  return taskId === undefined ? base : `${base}?task_id=${encodeURIComponent(taskId)}`;
}

export interface ExportEventHandlers {
  onExport: (event: ExportEvent) => void;
  /** Changes may have been missed (first connection, reconnection, the server's `resync`): fetch again. */
  onResync: () => void;
  onStateChange: (state: LiveState) => void;
}

/**
 * Follows the changes of one export (`taskId`) or of all; returns the unsubscribe.
 * `createSource` null means there is no stream to use: the state is `unavailable` at once.
 */
export function subscribeToExportEvents(
  taskId: string | undefined,
  createSource: EventSourceFactory | null,
  { onExport, onResync, onStateChange }: ExportEventHandlers,
): () => void {
  if (createSource === null) {
    onStateChange('unavailable');
    return () => undefined;
  }
  const source = createSource(eventsUrl(taskId));
  let everReady = false;
  onStateChange('connecting');
  // `ready` also follows every reconnection: what happened in between is unknown.
  source.addEventListener('ready', () => {
    everReady = true;
    onStateChange('live');
    onResync();
  });
  source.addEventListener('resync', () => onResync());
  source.addEventListener('export', (message) => {
    const event = parseExportEvent(message.data);
    if (event) onExport(event);
  });
  source.onerror = () => {
    const state = stateAfterError(everReady, source.readyState);
    if (state === 'unavailable') source.close();
    onStateChange(state);
  };
  return () => source.close();
}
