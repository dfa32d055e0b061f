// A stand-in for the browser's EventSource (jsdom has none): tests open it
// through the code under test, then play the server's part with `emit` and `fail`.
import { vi } from 'vitest';
import type { EventSourceLike } from '../lib/export-events';

export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, ((message: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (message: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.readyState = 2;
  }

  get closed(): boolean {
    return this.readyState === 2;
  }

  /** The server sends an event; `data` as JSON unless it is a string already. */
  emit(type: string, data: unknown = {}) {
    if (type === 'ready') this.readyState = 1;
    const message = new MessageEvent(type, {
      data: typeof data === 'string' ? data : JSON.stringify(data),
    });
    for (const listener of this.listeners.get(type) ?? []) listener(message);
  }

  /** The connection fails; the browser then reconnects (0, CONNECTING) or gives up (2, CLOSED). */
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
}

/** Makes `EventSource` exist, as in a browser; returns the sources opened so far. */
export function installFakeEventSource(): FakeEventSource[] {
  const opened: FakeEventSource[] = [];
  vi.stubGlobal(
    'EventSource',
    class extends FakeEventSource {
      constructor(url: string) {
        super(url);
        opened.push(this);
      }
    },
  );
  return opened;
}
