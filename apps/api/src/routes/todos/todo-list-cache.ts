import { TODOS_CHANGED_CHANNEL, type DatabaseEvents } from '../../lib/database-events.js';

export interface CachedList {
  /** The serialised response body. */
  body: string;
  total: number;
}

const MAX_ENTRIES = 500;

/**
 * Serialised todo lists, kept until the todos change. The API process that
 * writes drops its entries at once and tells the others over PostgreSQL
 * (`todos_changed`, milliseconds later); while that channel is down, nothing
 * is cached. A list read that overlapped a change is not kept, so a stale list
 * cannot outlive the notification. Writes from outside the API (say, psql)
 * are not announced: the time to live bounds how long they go unseen.
 */
export function createTodoListCache(events: DatabaseEvents) {
  const entries = new Map<string, { list: CachedList; expiresAt: number }>();
  let generation = 0;
  const invalidate = () => {
    generation += 1;
    entries.clear();
  };
  events.subscribe(TODOS_CHANGED_CHANNEL, invalidate);
  events.onResync(invalidate);

  return {
    /** After a write: drops this process's lists now, and the other processes' soon. */
    changed() {
      invalidate();
      events.notify(TODOS_CHANGED_CHANNEL);
    },

    /** The cached list for `key`, or `load()`'s, kept for `ttlMs` if nothing changed while loading. */
    async getOrLoad(key: string, ttlMs: number, load: () => Promise<CachedList>): Promise<CachedList> {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.list;
      const loadedAt = generation;
      const list = await load();
      if (loadedAt === generation && events.listening) {
        // Map keeps insertion order: the first key is the oldest entry.
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(key, { list, expiresAt: Date.now() + ttlMs });
      }
      return list;
    },
  };
}
