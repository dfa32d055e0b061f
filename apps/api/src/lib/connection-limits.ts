import { HttpError } from '../plugins/error-handler.js';

export interface ConnectionLimits {
  /** Connections one client may hold at once. */
  perClient: number;
  /** Connections all clients together may hold. */
  max: number;
}

/**
 * Counts long-lived connections (event streams) per client and in all, so
 * that neither one client nor a crowd can hold every socket and file descriptor.
 */
export function createConnectionCounter({ perClient, max }: ConnectionLimits) {
  const byClient = new Map<string, number>();
  let total = 0;
  return {
    /**
     * Takes a place for `client`; throws 429 (this client has too many) or 503
     * (the server is full). @returns the function that gives the place back.
     */
    acquire(client: string): () => void {
      const held = byClient.get(client) ?? 0;
      if (held >= perClient) {
        throw new HttpError(
          429,
          `At most ${perClient} event streams per client; close one first`,
          {},
          { 'retry-after': '5' },
        );
      }
      if (total >= max)
        throw new HttpError(
          503,
          'Too many event streams are open; try again soon',
          {},
          { 'retry-after': '5' },
        );
      byClient.set(client, held + 1);
      total += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (byClient.get(client) ?? 1) - 1;
        if (left) byClient.set(client, left);
        else byClient.delete(client);
      };
    },
  };
}
