import type { DatabaseEvents } from '@taskoverflow/db';

/** Identities held by one API process at most: beyond, the oldest go first. */
export const IDENTITY_CACHE_MAX_ENTRIES = 10_000;

/**
 * Identities resolved from credentials (sessions, API tokens), keyed by the
 * credential's SHA-256, so that most requests are authenticated without a
 * database round trip. A change of a user's credentials is announced by a
 * trigger on `credentials_changed` at commit; every process then drops that
 * user's entries, and the process that made the change drops them before it
 * answers; a cached identity is served only after a round trip that brings
 * every notification committed before. While notifications cannot be heard, nothing is kept or served (it
 * fails closed: every request reads the database). A load that overlapped a
 * change is not kept, so a revoked credential cannot be cached after its revocation.
 */
export function createIdentityCache<T extends { userId: string }>(
  events: DatabaseEvents,
  maxEntries = IDENTITY_CACHE_MAX_ENTRIES,
) {
  const entries = new Map<string, T>();
  let generation = 0;
  const forgetUser = (userId: string) => {
    generation += 1;
    for (const [key, entry] of entries) if (entry.userId === userId) entries.delete(key);
  };
  events.onCredentialsChanged(forgetUser);
  events.onListeningChange(() => {
    generation += 1;
    entries.clear();
  });

  return {
    /**
     * The identity cached for `key`, if notifications are heard and it is still
     * cached once every notification committed before the call has arrived:
     * another process may have answered a revocation whose notice is on its way.
     */
    async get(key: string): Promise<T | undefined> {
      const hit = events.listening ? entries.get(key) : undefined;
      return hit && (await events.sync()) && entries.get(key) === hit ? hit : undefined;
    },

    /**
     * The identity cached for `key` right now, without the round trip that
     * {@link get} makes first: it may have been revoked by a change whose
     * notice is on its way. Only for refusing early (a request that would be
     * refused anyway), never for serving one.
     */
    peek(key: string): T | undefined {
      return events.listening ? entries.get(key) : undefined;
    },

    /** `load()`'s identity for `key`, kept if nothing changed while loading. */
    async load(key: string, load: () => Promise<T | null>): Promise<T | null> {
      const loadedAt = generation;
      const identity = await load();
      if (identity && loadedAt === generation && events.listening) {
        entries.delete(key);
        // Map keeps insertion order: the first key is the oldest entry.
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, identity);
      }
      return identity;
    },

    /** Drops the identity of one credential. */
    forget: (key: string): void => {
      generation += 1;
      entries.delete(key);
    },

    /** Drops every identity of a user (their credentials or role changed). */
    forgetUser,

    get size(): number {
      return entries.size;
    },
  };
}

export type IdentityCache<T extends { userId: string }> = ReturnType<typeof createIdentityCache<T>>;
