import type { FastifyReply, FastifyRequest } from 'fastify';

const KEEP_ALIVE_MS = 15_000;
const CLIENT_RETRY_MS = 2_000;
/**
 * What may wait in this process for a reader, beyond the kernel's socket
 * buffers: a reader this far behind has stopped reading, and is dropped (its
 * EventSource reconnects and refetches) rather than buffered for without end.
 */
export const MAX_UNREAD_BYTES = 64 * 1024;

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Runs when the client goes away, or the stream is ended. */
  onClose(cleanup: () => void): void;
  /** Ends the stream from this side (the server is closing, or has nothing live to say). */
  end(): void;
}

/**
 * Turns the reply into a Server-Sent Events stream (`text/event-stream`).
 * Comments every 15 s keep proxies from closing an idle stream; `retry`
 * tells EventSource how soon to reconnect.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply): EventStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx and friends would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  const cleanups: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups) cleanup();
  };
  request.raw.on('close', close);
  raw.on('close', close);

  const write = (text: string) => {
    if (closed) return;
    raw.write(text);
    if (raw.writableLength > MAX_UNREAD_BYTES) {
      request.log.warn(
        { unreadBytes: raw.writableLength },
        'event stream dropped: its reader stopped reading',
      );
      raw.destroy();
    }
  };
  write(`retry: ${CLIENT_RETRY_MS}\n\n`);
  const keepAlive = setInterval(() => write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  cleanups.push(() => clearInterval(keepAlive));
  let id = 0;

  return {
    send(event, data) {
      write(`id: ${++id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(cleanup) {
      cleanups.push(cleanup);
    },
    end() {
      close();
      raw.end();
    },
  };
}
