import type { Readable } from 'node:stream';
import { TODOS_CHANGED_CHANNEL, type DatabaseEvents } from '@taskoverflow/db';

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
  ownerId: string;
  list: SerialisedList;
  bytes: number;
  expiresAt: number;
}

/**
 * Serialised todo lists, each of one owner, kept until that owner's todos
 * change, within a bound of bytes (oldest out first). The API process that
 * writes drops the owner's entries at once and tells the others over
 * PostgreSQL (`todos_changed`) before it answers; a process serves a cached
 * list only after a round trip on its LISTEN connection, which brings every
 * notification committed before: a write acknowledged by any process is in
 * every list asked for afterwards, whichever process answers (behind a load
 * balancer too). While that channel is down, nothing is cached. A list read
 * that overlapped a change is not kept, so a stale list cannot outlive the
 * notification. Writes from outside the API (say, psql) are not announced:
 * the time to live bounds how long they go unseen.
 */
export function createTodoListCache(events: DatabaseEvents) {
  // Keyed by owner and list, so that no owner can be served another's list.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  // Any change of anyone's todos: a load that overlapped one is not kept (simpler than per owner, and as safe).
  let generation = 0;
  const entryKey = (ownerId: string, key: string) => `${ownerId} ${key}`;
  /** Drops the lists of `ownerId`, or every list ('': a change nobody named, or notifications lost). */
  const invalidate = (ownerId = '') => {
    generation += 1;
    if (!ownerId) {
      entries.clear();
      bytes = 0;
      return;
    }
    for (const [key, entry] of entries) if (entry.ownerId === ownerId) remove(key);
  };
  events.onTodosChanged(invalidate);
  events.onListeningChange(() => invalidate());

  function remove(key: string): void {
    bytes -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  }

  function keep(ownerId: string, key: string, list: Entry['list'], ttlMs: number): void {
    // UTF-16 in memory: two bytes a character.
    const size = list.body.length * 2;
    if (size > CACHE_ENTRY_MAX_BYTES) return;
    remove(key);
    // Map keeps insertion order: the first key is the oldest entry.
    while (bytes + size > CACHE_MAX_BYTES) remove(entries.keys().next().value!);
    entries.set(key, { ownerId, list, bytes: size, expiresAt: Date.now() + ttlMs });
    bytes += size;
  }

  return {
    /**
     * After a write of `ownerId`'s todos: drops their lists in this process now;
     * settles once the other processes are told (answer the write after that).
     */
    changed(ownerId: string): Promise<void> {
      invalidate(ownerId);
      return events.notify(TODOS_CHANGED_CHANNEL, ownerId);
    },

    /**
     * The cached list `key` of `ownerId`, or `load()`'s, kept for `ttlMs` if it
     * is small and nothing changed while loading.
     */
    async getOrLoad<A extends ListAnswer>(
      ownerId: string,
      key: string,
      ttlMs: number,
      load: () => Promise<A>,
    ): Promise<A | SerialisedList> {
      const fullKey = entryKey(ownerId, key);
      const hit = entries.get(fullKey);
      // Another process may have acknowledged a write whose notification is still on its way.
      if (
        hit &&
        hit.expiresAt > Date.now() &&
        (await events.sync()) &&
        entries.get(fullKey) === hit
      )
        return hit.list;
      const loadedAt = generation;
      const answer = await load();
      if ('body' in answer && loadedAt === generation && events.listening)
        keep(ownerId, fullKey, answer, ttlMs);
      return answer;
    },

    /** Bytes held now (for tests and metrics). */
    get bytes() {
      return bytes;
    },
  };
}
