import type { ExportEvent } from '@taskoverflow/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { EventEmitter } from 'node:events';
import pg from 'pg';

export const EXPORT_EVENTS_CHANNEL = 'calendar_export_events';
const RECONNECT_DELAYS_MS = [100, 500, 1000, 2000, 5000];

export interface ExportEventListener {
  /** Calls `onEvent` for every export change; `onResync` after a reconnect, when events may have been missed. */
  subscribe(onEvent: (event: ExportEvent) => void, onResync: () => void): () => void;
  close(): Promise<void>;
}

/**
 * One LISTEN connection per API process, shared by every stream: PostgreSQL
 * NOTIFY delivers each export change (sent by a trigger at commit). The
 * connection comes back by itself after the database does.
 */
export function listenToExportEvents(databaseUrl: string, log: FastifyBaseLogger): ExportEventListener {
  const emitter = new EventEmitter().setMaxListeners(0);
  let client: pg.Client | undefined;
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    next.on('notification', ({ payload }) => {
      if (payload) emitter.emit('event', JSON.parse(payload) as ExportEvent);
    });
    next.on('error', (error) => {
      log.warn({ err: error }, 'export events: connection lost');
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${EXPORT_EVENTS_CHANNEL}`);
    } catch (error) {
      log.warn({ err: error }, 'export events: cannot listen yet');
      reconnect(next);
      return;
    }
    if (closed) return void next.end();
    client = next;
    if (failures > 0) emitter.emit('resync');
    failures = 0;
  }

  function reconnect(broken: pg.Client): void {
    if (closed || timer || (client && client !== broken)) return;
    client = undefined;
    broken.removeAllListeners('end');
    void broken.end().catch(() => {});
    const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)]!;
    failures += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
  }

  void connect();
  return {
    subscribe(onEvent, onResync) {
      emitter.on('event', onEvent);
      emitter.on('resync', onResync);
      return () => {
        emitter.off('event', onEvent);
        emitter.off('resync', onResync);
      };
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = undefined;
      current?.removeAllListeners('end');
      await current?.end();
    },
  };
}
