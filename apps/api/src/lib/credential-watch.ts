import type { DatabaseEvents } from '@taskoverflow/db';

interface Watch {
  /** Whether the credential still stands for the caller it stood for when the watch began. */
  stillValid: () => Promise<boolean>;
  onEnd: () => void;
}

/**
 * The credentials of long-lived requests (event streams), watched so that
 * one ends with its credential: when a user's credentials change, in any API
 * process (`credentials_changed`), each watch of that user checks its own
 * credential again, and ends when it has been revoked or no longer stands
 * for the same caller. After a gap in notifications every watch checks. A
 * check that cannot be made ends the watch too: the client reconnects and
 * authenticates afresh.
 */
export function createCredentialWatches(events: DatabaseEvents) {
  const byUser = new Map<string, Set<Watch>>();

  function check(userId: string, watch: Watch): void {
    void watch.stillValid().then(
      (valid) => valid || end(userId, watch),
      () => end(userId, watch),
    );
  }
  /** @returns whether it was still watched. */
  function stop(userId: string, watch: Watch): boolean {
    const watches = byUser.get(userId);
    if (!watches?.delete(watch)) return false;
    if (watches.size === 0) byUser.delete(userId);
    return true;
  }
  function end(userId: string, watch: Watch): void {
    if (stop(userId, watch)) watch.onEnd();
  }

  events.onCredentialsChanged((userId) => {
    for (const watch of byUser.get(userId) ?? []) check(userId, watch);
  });
  events.onListeningChange((listening) => {
    if (!listening) return;
    for (const [userId, watches] of byUser) for (const watch of watches) check(userId, watch);
  });

  return {
    /**
     * Calls `onEnd` once the credential that `stillValid` checks stops being
     * valid. It checks once at the start too: a change announced between the
     * request's authentication and this call would otherwise go unheard.
     * @returns the function that stops watching.
     */
    watch(userId: string, stillValid: () => Promise<boolean>, onEnd: () => void): () => void {
      const watch: Watch = { stillValid, onEnd };
      byUser.set(userId, (byUser.get(userId) ?? new Set()).add(watch));
      check(userId, watch);
      return () => void stop(userId, watch);
    },
  };
}
