import { Readable } from 'node:stream';

/**
 * A JSON array streamed batch by batch: `first`, then whatever `rest` yields,
 * each batch written by `serialize` as a JSON array. Read as the client reads
 * (backpressure), and stopped — with its queries — when the client goes away.
 */
export function jsonArrayStream<T>(
  first: T[],
  rest: AsyncIterator<T[]>,
  serialize: (batch: T[]) => string,
): Readable {
  // Batches are never empty, so each one's items, out of their brackets, are `,`-joined.
  const items = (batch: T[]) => serialize(batch).slice(1, -1);
  async function* chunks() {
    try {
      yield `[${items(first)}`;
      for (let next = await rest.next(); !next.done; next = await rest.next()) {
        yield `,${items(next.value)}`;
      }
      yield ']';
    } finally {
      await rest.return?.();
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
