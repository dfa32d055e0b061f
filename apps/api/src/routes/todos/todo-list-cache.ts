import type { Readable } from 'node:stream';
import { TODOS_CHANGED_CHANNEL, type DatabaseEvents } from '../../lib/database-events.js';

export interface SerialisedList {
  body: string;
  total: number;
}
/** A list answer: serialised whole (cacheable), or streamed (too large to hold). */
export type ListAnswer = SerialisedList | { stream: Readable; total: number };

/** What all cached lists of one process may take together, and one of them alone. */
export const CACHE_MAX_BYTES = 8 * 1024 * 1024;
export const CACHE_ENTRY_MAX_BYTES = 1024 * 1024;

interface Entry {
  list: SerialisedList;
  bytes: number;
  expiresAt: number;
}

/**
 * Serialised todo lists, kept until the todos change, within a bound of
 * bytes (oldest out first). The API process that writes drops its entries at
 * once and tells the others over PostgreSQL (`todos_changed`, milliseconds
 * later); while that channel is down, nothing is cached. A list read that
 * overlapped a change is not kept, so a stale list cannot outlive the
 * notification. Writes from outside the API (say, psql) are not announced: the
 * time to live bounds how long they go unseen.
 */
export function createTodoListCache(events: DatabaseEvents) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let generation = 0;
  const invalidate = () => {
    generation += 1;
    entries.clear();
    bytes = 0;
  };
  events.onTodosChanged(invalidate);
  events.onListeningChange(invalidate);

  function remove(key: string): void {
    bytes -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  }

  function keep(key: string, list: Entry['list'], ttlMs: number): void {
    // UTF-16 in memory: two bytes a character.
    const size = list.body.length * 2;
    if (size > CACHE_ENTRY_MAX_BYTES) return;
    remove(key);
    // Map keeps insertion order: the first key is the oldest entry.
    while (bytes + size > CACHE_MAX_BYTES) remove(entries.keys().next().value!);
    entries.set(key, { list, bytes: size, expiresAt: Date.now() + ttlMs });
    bytes += size;
  }

  return {
    /** After a write: drops this process's lists now, and the other processes' soon. */
    changed() {
      invalidate();
      events.notify(TODOS_CHANGED_CHANNEL);
    },

    /** The cached list for `key`, or `load()`'s, kept for `ttlMs` if it is small and nothing changed while loading. */
    async getOrLoad<A extends ListAnswer>(
      key: string,
      ttlMs: number,
      load: () => Promise<A>,
    ): Promise<A | SerialisedList> {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.list;
      const loadedAt = generation;
      const answer = await load();
      if ('body' in answer && loadedAt === generation && events.listening) keep(key, answer, ttlMs);
      return answer;
    },

    /** Bytes held now (for tests and metrics). */
    get bytes() {
      return bytes;
    },
  };
}
