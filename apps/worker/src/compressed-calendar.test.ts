import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HELD_TEXT_BYTES, createCalendarCompressor } from './compressed-calendar.js';

async function compress(chunks: string[]) {
  const compressor = createCalendarCompressor();
  for (const chunk of chunks) await compressor.write(chunk);
  return compressor.end();
}

describe('createCalendarCompressor', () => {
  // Below the held size the text is compressed whole at the end; above it, streamed: both must give the same calendar.
  it.each([
    ['a small calendar (compressed at its end)', 100],
    ['a large calendar (streamed)', HELD_TEXT_BYTES / 10],
  ])(
    'stores %s as gzip of exactly its text, at the fastest level, with its size and hash',
    async (_, events) => {
      const chunks = Array.from(
        { length: events },
        (_, i) =>
          `BEGIN:VEVENT\r\nUID:todo-${i}@example.test\r\nSUMMARY:Tâche ${i}\r\nEND:VEVENT\r\n`,
      );
      const text = chunks.join('');
      const stored = await compress(['', ...chunks, '']);
      expect(gunzipSync(stored.content).toString('utf8')).toBe(text);
      expect(stored.contentEncoding).toBe('gzip');
      // The header's XFL byte: 4 says the compressor used its fastest level (RFC 1952 §2.3.1).
      expect(stored.content[8]).toBe(4);
      expect(stored.sizeBytes).toBe(Buffer.byteLength(text));
      expect(stored.contentSha256).toBe(createHash('sha256').update(text).digest('hex'));
    },
  );
});
