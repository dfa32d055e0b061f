/**
 * At most `permits` holders per key at once; the others wait for a turn,
 * first come first served. Only keys in use are kept.
 */
export function createTurnsPerKey(permits: number) {
  const keys = new Map<string, { holders: number; waiting: (() => void)[] }>();
  return {
    /** Resolves once `key` has a turn, with the function that ends it (calling it again does nothing). */
    async take(key: string): Promise<() => void> {
      let turns = keys.get(key);
      if (!turns) keys.set(key, (turns = { holders: 0, waiting: [] }));
      const own = turns;
      // A turn that ends hands itself to the first waiting: the holders stay as many.
      if (own.holders < permits) own.holders += 1;
      else await new Promise<void>((resolve) => own.waiting.push(resolve));
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        const next = own.waiting.shift();
        if (next) next();
        else if (--own.holders === 0) keys.delete(key);
      };
    },

    /** Keys with a turn taken or awaited. */
    get keyCount(): number {
      return keys.size;
    },
  };
}
