import { describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../testing/fake-event-source';
import {
  eventsUrl,
  isLive,
  parseExportEvent,
  stateAfterError,
  subscribeToExportEvents,
  type LiveState,
} from './export-events';

const started = {
  task_id: 'task-1',
  task_status: 'STARTED',
  progress: 0.25,
  attempts: 1,
  at: '2026-03-01T10:00:01Z',
};

/** Subscribes through a fake EventSource and records what the handlers hear. */
function subscribe(taskId?: string) {
  let source: FakeEventSource | undefined;
  const states: LiveState[] = [];
  const handlers = {
    onExport: vi.fn(),
    onResync: vi.fn(),
    onStateChange: (state: LiveState) => states.push(state),
  };
  const unsubscribe = subscribeToExportEvents(
    taskId,
    (url) => (source = new FakeEventSource(url)),
    handlers,
  );
  return { source: source!, states, unsubscribe, ...handlers };
}

describe('subscribeToExportEvents', () => {
  it('is live from `ready` on, fetching once then to catch what came before', () => {
    const { source, states, onResync } = subscribe('task-1');
    expect(source.url).toBe('/api/v1/monitor/events?task_id=task-1');
    expect(states).toEqual(['connecting']);
    source.emit('ready');
    expect(states).toEqual(['connecting', 'live']);
    expect(onResync).toHaveBeenCalledTimes(1);
  });

  it('hands over valid export events and drops anything else', () => {
    const { source, onExport } = subscribe();
    source.emit('ready');
    source.emit('export', started);
    source.emit('export', 'not json');
    source.emit('export', { ...started, task_status: 'EXPLODED' });
    expect(onExport.mock.calls).toEqual([[started]]);
  });

  it('asks for a refetch on `resync` and after a reconnection', () => {
    const { source, states, onResync } = subscribe();
    source.emit('ready');
    source.emit('resync');
    source.fail(0);
    expect(states.at(-1)).toBe('reconnecting');
    expect(source.closed).toBe(false);
    source.emit('ready');
    expect(states.at(-1)).toBe('live');
    expect(onResync).toHaveBeenCalledTimes(3);
  });

  it('gives the stream up for polling when it fails before ever working', () => {
    const { source, states } = subscribe('task-1');
    source.fail(0);
    expect(states).toEqual(['connecting', 'unavailable']);
    expect(source.closed).toBe(true);
  });

  it('is unavailable at once without EventSource, and closes on unsubscribe', () => {
    const states: LiveState[] = [];
    subscribeToExportEvents(undefined, null, {
      onExport: vi.fn(),
      onResync: vi.fn(),
      onStateChange: (state) => states.push(state),
    });
    expect(states).toEqual(['unavailable']);

    const { source, unsubscribe } = subscribe();
    unsubscribe();
    expect(source.closed).toBe(true);
  });
});

describe('the decisions', () => {
  it('polls unless live', () => {
    expect((['connecting', 'live', 'reconnecting', 'unavailable'] as const).map(isLive)).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });

  it('reads an error by whether the stream ever worked and whether the browser retries', () => {
    expect(stateAfterError(false, 0)).toBe('unavailable');
    expect(stateAfterError(true, 0)).toBe('reconnecting');
    expect(stateAfterError(true, 2)).toBe('unavailable');
  });

  it('checks the shape of an event', () => {
    expect(parseExportEvent(JSON.stringify(started))).toEqual(started);
    expect(parseExportEvent('null')).toBeNull();
    expect(parseExportEvent(JSON.stringify({ ...started, progress: '1' }))).toBeNull();
  });

  it('encodes the task id into the URL', () => {
    expect(eventsUrl(undefined)).toBe('/api/v1/monitor/events');
    expect(eventsUrl('a b')).toBe('/api/v1/monitor/events?task_id=a%20b');
  });
});
