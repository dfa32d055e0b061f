/** Keys (users) remembered at once: beyond, the oldest are forgotten (their next refusal is answered at once). */
const REMEMBERED_MAX = 10_000;
/** Longest one refusal is held, whatever its Retry-After: well under any request timeout. */
export const HOLD_MAX_MS = 10_000;

/**
 * A tarpit for clients that ignore `Retry-After`. The first refusal of a key
 * is answered at once and remembered with the moment it told the client to
 * come back; a request of that key arriving earlier ignored it, and its
 * refusal is held until that moment (at most {@link HOLD_MAX_MS}). A client
 * writing in a closed loop, which goes on at once after a 429, then sends a
 * few requests per Retry-After instead of thousands a second, each of which
 * the server would parse, route and answer on the CPU every other user
 * needs. A client that honours `Retry-After` is never held (only requests it
 * had already sent when the first refusal reached it are).
 *
 * Bounded: at most `maxHeld` refusals are held at once (beyond, they are
 * answered at once, as without a tarpit), each a timer on a socket the client
 * already holds; {@link release} answers them all (the server is closing).
 */
export function createRefusalHold(maxHeld: number) {
  /** When each key was told to come back (ms since the epoch), oldest first. */
  const comeBackAt = new Map<string, number>();
  const held = new Set<() => void>();

  function remember(key: string, at: number): void {
    comeBackAt.delete(key);
    if (comeBackAt.size >= REMEMBERED_MAX) comeBackAt.delete(comeBackAt.keys().next().value!);
    comeBackAt.set(key, at);
  }

  return {
    /**
     * Waits until the refusal of `key`, which may write again in
     * `retryAfterSeconds`, may be answered; resolves with the seconds it may
     * write again in by then (at least 1, as `Retry-After` says).
     */
    async refusal(key: string, retryAfterSeconds: number): Promise<number> {
      const now = Date.now();
      const told = comeBackAt.get(key);
      if (told === undefined || told <= now || held.size >= maxHeld) {
        if (told === undefined || told <= now) remember(key, now + retryAfterSeconds * 1000);
        return retryAfterSeconds;
      }
      await new Promise<void>((resolve) => {
        const answer = () => {
          clearTimeout(timer);
          held.delete(answer);
          resolve();
        };
        const timer = setTimeout(answer, Math.min(told - now, HOLD_MAX_MS));
        held.add(answer);
      });
      return Math.max(1, Math.ceil((told - Date.now()) / 1000));
    },

    /** Answers every held refusal now. */
    release(): void {
      for (const answer of held) answer();
    },

    /** Refusals held right now. */
    get heldCount(): number {
      return held.size;
    },
  };
}

export type RefusalHold = ReturnType<typeof createRefusalHold>;
