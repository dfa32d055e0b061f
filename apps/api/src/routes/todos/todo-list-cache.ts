import type { Readable } from 'node:stream';
import type { OwnerRevisions } from '@taskoverflow/db';

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
  /** The owner's revision read before the list was loaded: the list holds at least its changes. */
  revision: string;
  bytes: number;
  expiresAt: number;
}

/**
 * Serialised todo lists, each of one owner, served again while the owner's
 * revision has not moved, within a bound of bytes (oldest out first). Every
 * read asks the database for the owner's revision first (concurrent reads
 * share the query): a write committed before the read began, by any process
 * or by hand, has moved it, so the list is loaded afresh. No writer has to
 * announce anything, and no owner's write touches another owner's lists.
 */
export function createTodoListCache(revisions: OwnerRevisions) {
  // Keyed by owner and list, so that no owner can be served another's list.
  const entries = new Map<string, Entry>();
  let bytes = 0;

  function remove(key: string): void {
    bytes -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  }

  function keep(key: string, entry: Omit<Entry, 'bytes'>): void {
    // UTF-16 in memory: two bytes a character.
    const size = entry.list.body.length * 2;
    remove(key);
    if (size > CACHE_ENTRY_MAX_BYTES) return;
    // Map keeps insertion order: the first key is the oldest entry.
    while (bytes + size > CACHE_MAX_BYTES) remove(entries.keys().next().value!);
    entries.set(key, { ...entry, bytes: size });
    bytes += size;
  }

  return {
    /**
     * The cached list `key` of `ownerId` if the owner's todos have not changed
     * since it was loaded and it is younger than `ttlMs` (a list that time
     * changes, like a deadline window, needs that bound); otherwise `load()`'s,
     * kept if it is small.
     */
    async getOrLoad<A extends ListAnswer>(
      ownerId: string,
      key: string,
      ttlMs: number,
      load: () => Promise<A>,
    ): Promise<A | SerialisedList> {
      const fullKey = `${ownerId} ${key}`;
      const revision = await revisions.current(ownerId);
      const hit = entries.get(fullKey);
      if (hit && hit.revision === revision && hit.expiresAt > Date.now()) return hit.list;
      const answer = await load();
      if ('body' in answer && revision !== undefined)
        keep(fullKey, { list: answer, revision, expiresAt: Date.now() + ttlMs });
      return answer;
    },

    /** Bytes held now (for tests and metrics). */
    get bytes() {
      return bytes;
    },
  };
}
