import type { ExportEvent } from '@taskoverflow/contracts';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { ExportEventState } from './exports/export-event-state.js';

/** Export status/progress changes (trigger on calendar_exports), JSON ExportEvent payloads. */
export const EXPORT_EVENTS_CHANNEL = 'calendar_export_events';
/**
 * A user's credentials stopped being valid or their role changed (trigger on
 * sessions, api_tokens and users; payload: the user's id). Those writes are
 * rare, so a trigger costs nothing and no writer can forget to announce one.
 */
export const CREDENTIALS_CHANGED_CHANNEL = 'credentials_changed';

/** Where a listener reports what it could not do (pino's and Fastify's loggers fit). */
export interface EventsLogger {
  warn(details: object, message: string): void;
}

const CHANNELS = [EXPORT_EVENTS_CHANNEL, CREDENTIALS_CHANGED_CHANNEL];
const RECONNECT_DELAYS_MS = [100, 500, 1000, 2000, 5000];
// Not a PostgreSQL channel name (those are identifiers): no notification can be mistaken for it.
const LISTENING_CHANGE = 'listening change';

export interface DatabaseEvents {
  /**
   * Calls `onEvent` with each export change, parsed once for every subscriber:
   * the event, and the export's other changing columns (null when they did not fit).
   */
  onExportEvent(onEvent: (event: ExportEvent, state: ExportEventState | null) => void): () => void;
  /** Calls `onChange` with the user whose credentials or role changed. */
  onCredentialsChanged(onChange: (userId: string) => void): () => void;
  /**
   * Calls `onChange` whenever notifications start or stop being received: those
   * sent in between are lost, so whatever was derived from them is stale.
   */
  onListeningChange(onChange: (listening: boolean) => void): () => void;
  /** Whether notifications are being received right now. */
  readonly listening: boolean;
  /**
   * True once every notification committed before the call has reached the
   * subscribers: PostgreSQL delivers a listening session's pending
   * notifications before it answers a query, so one round trip on the LISTEN
   * connection (shared by the calls made while one waits) brings them. False
   * when it could not ask: what was derived from notifications may be stale.
   */
  sync(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * One LISTEN connection per API process for PostgreSQL NOTIFY (sent by
 * triggers at commit, in commit order), shared by every subscriber. It comes
 * back by itself after the database does.
 */
export function listenToDatabaseEvents(databaseUrl: string, log: EventsLogger): DatabaseEvents {
  const emitter = new EventEmitter().setMaxListeners(0);
  let client: pg.Client | undefined;
  let closed = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  // The round trip that the calls of sync() made since the last one started will share.
  let nextSync: Promise<boolean> | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    next.on('notification', ({ channel, payload = '' }) => {
      if (channel !== EXPORT_EVENTS_CHANNEL) return void emitter.emit(channel, payload);
      // The event is the streams' contract; its state serves the status requests waiting in this process.
      const { state = null, ...event } = JSON.parse(payload) as ExportEvent & {
        state?: ExportEventState;
      };
      emitter.emit(channel, event, state);
    });
    next.on('error', (error) => {
      log.warn({ err: error }, 'database events: connection lost');
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      await next.query(CHANNELS.map((channel) => `LISTEN ${channel};`).join(''));
    } catch (error) {
      log.warn({ err: error }, 'database events: cannot listen yet');
      reconnect(next);
      return;
    }
    if (closed) return void next.end();
    client = next;
    failures = 0;
    emitter.emit(LISTENING_CHANGE, true);
  }

  function reconnect(broken: pg.Client): void {
    if (client === broken) {
      client = undefined;
      emitter.emit(LISTENING_CHANGE, false);
    }
    if (closed || timer || client) return;
    broken.removeAllListeners('end');
    void broken.end().catch(() => {});
    const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)]!;
    failures += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
  }

  function on<T extends unknown[]>(event: string, listener: (...values: T) => void): () => void {
    emitter.on(event, listener);
    return () => emitter.off(event, listener);
  }

  // One query at a time on this connection: node-postgres deprecates overlapping ones.
  let sending = Promise.resolve();
  function sync(): Promise<boolean> {
    if (nextSync) return nextSync;
    const synced = sending.then(async () => {
      // From here on, a new call may have missed this round trip's start: it waits for the next.
      nextSync = undefined;
      const current = client;
      if (!current) return false;
      return current.query('SELECT 1').then(
        () => true,
        () => false,
      );
    });
    sending = synced.then(() => undefined);
    nextSync = synced;
    return synced;
  }

  void connect();
  return {
    onExportEvent: (onEvent) => on(EXPORT_EVENTS_CHANNEL, onEvent),
    onCredentialsChanged: (onChange) => on(CREDENTIALS_CHANGED_CHANNEL, onChange),
    onListeningChange: (onChange) => on(LISTENING_CHANGE, onChange),
    get listening() {
      return client !== undefined;
    },
    sync,
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
