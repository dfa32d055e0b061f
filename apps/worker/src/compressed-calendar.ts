import type { StoredCalendar } from '@taskoverflow/db/store';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** A calendar's text as it is stored: gzip, with the size and SHA-256 of the text itself. */
export type CompressedCalendar = Pick<
  StoredCalendar,
  'content' | 'contentEncoding' | 'sizeBytes' | 'contentSha256'
>;

/**
 * Takes a calendar's text chunk by chunk through gzip, hashing and counting
 * it on the way, so that only the compressed bytes are ever held (a tenth of
 * the text, or less): they are stored once, and sent as they are.
 */
export function createCalendarCompressor() {
  const gzip = createGzip();
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  let sizeBytes = 0;
  gzip.on('data', (part: Buffer) => parts.push(part));
  // Settles with the stream; a destroyed one rejects, which nobody then awaits.
  const done = finished(gzip);
  done.catch(() => {});

  return {
    async write(text: string): Promise<void> {
      if (text === '') return;
      const bytes = Buffer.from(text, 'utf8');
      hash.update(bytes);
      sizeBytes += bytes.byteLength;
      // Wait for gzip to catch up rather than queue the text in front of it.
      if (!gzip.write(bytes)) await once(gzip, 'drain');
    },

    async end(): Promise<CompressedCalendar> {
      gzip.end();
      await done;
      return {
        content: Buffer.concat(parts),
        contentEncoding: 'gzip',
        sizeBytes,
        contentSha256: hash.digest('hex'),
      };
    },

    /** Lets go of the stream and what it holds (generation failed before its end). */
    destroy(): void {
      gzip.destroy();
    },
  };
}

export type CalendarCompressor = ReturnType<typeof createCalendarCompressor>;
