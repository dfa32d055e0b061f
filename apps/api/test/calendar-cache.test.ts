import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXPORT_CALENDAR_CACHE, createCalendarCache } from '../src/lib/calendar-cache.js';

const gzipped = (text: string) => ({
  content: new Uint8Array(gzipSync(text)),
  contentEncoding: 'gzip',
});

describe('the calendar cache', () => {
  it('keeps a calendar by its hash, with its text decompressed once', () => {
    const cache = createCalendarCache();
    expect(cache.get('sha-1')).toBeUndefined();
    const kept = cache.keep('sha-1', gzipped('BEGIN:VCALENDAR'));
    expect(kept.text.toString()).toBe('BEGIN:VCALENDAR');
    expect(cache.get('sha-1')).toBe(kept);
  });

  it('keeps plain text as it is', () => {
    const cache = createCalendarCache();
    const plain = { content: new Uint8Array(Buffer.from('plain')), contentEncoding: null };
    expect(cache.keep('sha-2', plain).text.toString()).toBe('plain');
  });

  it('stays within its bound of bytes, dropping the least recently used first', () => {
    const cache = createCalendarCache();
    const size = EXPORT_CALENDAR_CACHE.entryMaxBytes / 4;
    const text = 'x'.repeat(size);
    const fitting = Math.floor(EXPORT_CALENDAR_CACHE.maxBytes / size);
    for (let i = 0; i <= fitting; i++) {
      cache.keep(`sha-${i}`, { content: new Uint8Array(Buffer.from(text)), contentEncoding: null });
      // The first one stays in use, so it is never the least recently used.
      expect(cache.get('sha-0')).toBeDefined();
    }
    expect(cache.get('sha-1')).toBeUndefined();
    expect(cache.get(`sha-${fitting}`)).toBeDefined();
    expect(cache.fits(size)).toBe(true);
    expect(cache.fits(EXPORT_CALENDAR_CACHE.entryMaxBytes)).toBe(false);
  });
});
