import type { StoredCalendar } from '@taskoverflow/db/store';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { constants, createGzip, gzipSync, type Gzip } from 'node:zlib';

/** A calendar's text as it is stored: gzip, with the size and SHA-256 of the text itself. */
export type CompressedCalendar = Pick<
  StoredCalendar,
  'content' | 'contentEncoding' | 'sizeBytes' | 'contentSha256'
>;

/**
 * Text up to this size is held and compressed in one synchronous call at the
 * end: a gzip stream's trips through the thread pool cost more than the
 * compression itself (about 0.2 ms for a calendar of 100 todos, against 0.7 ms
 * streamed), and blocking for less than 64 KB takes well under a millisecond.
 */
export const HELD_TEXT_BYTES = 64 * 1024;

/**
 * gzip's fastest level: a calendar repeats itself so much that it compresses
 * almost as well there (a fifteenth of the text, 2 % more than at the default
 * level) in 60 % of the time: 0.17 ms instead of 0.29 for 100 todos.
 */
const GZIP_OPTIONS = { level: constants.Z_BEST_SPEED };

/**
 * Takes a calendar's text chunk by chunk through gzip, hashing and counting
 * it on the way. A small calendar is compressed whole at its end; a larger one
 * goes through a gzip stream as soon as it outgrows {@link HELD_TEXT_BYTES},
 * so that only its compressed bytes are held (a tenth of the text, or less):
 * they are stored once, and sent as they are.
 */
export function createCalendarCompressor() {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let stream: { gzip: Gzip; parts: Buffer[]; done: Promise<void> } | undefined;

  function startStream() {
    const gzip = createGzip(GZIP_OPTIONS);
    const parts: Buffer[] = [];
    gzip.on('data', (part: Buffer) => parts.push(part));
    // Settles with the stream; a destroyed one rejects, which nobody then awaits.
    const done = finished(gzip);
    done.catch(() => {});
    return { gzip, parts, done };
  }

  const result = (content: Buffer<ArrayBuffer>): CompressedCalendar => ({
    content,
    contentEncoding: 'gzip',
    sizeBytes,
    contentSha256: hash.digest('hex'),
  });

  return {
    async write(text: string): Promise<void> {
      if (text === '') return;
      let bytes = Buffer.from(text, 'utf8');
      hash.update(bytes);
      sizeBytes += bytes.byteLength;
      if (!stream) {
        held.push(bytes);
        heldBytes += bytes.byteLength;
        if (heldBytes <= HELD_TEXT_BYTES) return;
        stream = startStream();
        bytes = Buffer.concat(held);
        held = [];
      }
      // Wait for gzip to catch up rather than queue the text in front of it.
      if (!stream.gzip.write(bytes)) await once(stream.gzip, 'drain');
    },

    async end(): Promise<CompressedCalendar> {
      // Copied once (a few KB): zlib types its result over any ArrayBufferLike, the stored content over ArrayBuffer.
      if (!stream) return result(Buffer.concat([gzipSync(Buffer.concat(held), GZIP_OPTIONS)]));
      stream.gzip.end();
      await stream.done;
      return result(Buffer.concat(stream.parts));
    },

    /** Lets go of the stream and what it holds (generation failed before its end). */
    destroy(): void {
      held = [];
      stream?.gzip.destroy();
    },
  };
}

export type CalendarCompressor = ReturnType<typeof createCalendarCompressor>;
