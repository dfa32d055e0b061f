export interface ReceivedEvent {
  event: string;
  data: unknown;
  receivedAt: number;
}

/**
 * Reads a real Server-Sent Events stream over HTTP and collects its events,
 * so tests can wait for the ones they expect.
 */
export async function connectEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, {
    signal: controller.signal,
    headers: { ...headers, accept: 'text/event-stream' },
  });
  const events: ReceivedEvent[] = [];
  const waiters: (() => void)[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data), receivedAt: Date.now() });
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // Aborted by close().
    }
  })();

  return {
    response,
    events,
    /** Settles when the server ends the stream (or close() does). */
    ended: reading,
    /** Resolves with the events once `predicate` holds for them (fails after `timeoutMs`). */
    async waitFor(
      predicate: (events: ReceivedEvent[]) => boolean,
      timeoutMs = 10_000,
    ): Promise<ReceivedEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > deadline)
          throw new Error(`timed out; events so far: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return events;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}
