import { LRUCache } from 'lru-cache';
import { gunzipSync } from 'node:zlib';
import type { StoredContent } from '@taskoverflow/db';

/** A calendar held in memory: as stored, and as text. */
export interface CachedCalendar {
  stored: StoredContent;
  text: Buffer;
}

/** What all cached calendars of one cache may take together, and one of them alone. */
export interface CalendarCacheLimits {
  maxBytes: number;
  entryMaxBytes: number;
}

/** Export downloads: most calendars are fetched once or twice, so small ones only. */
export const EXPORT_CALENDAR_CACHE: CalendarCacheLimits = {
  maxBytes: 16 * 1024 * 1024,
  entryMaxBytes: 1024 * 1024,
};

/**
 * Small calendars by their SHA-256 (their ETag), least recently used out
 * first. The key is the content, so an entry can never be stale, and every
 * export that made (or reused) the same calendar shares it: a download then
 * reads no bytes from the database and decompresses nothing.
 */
export function createCalendarCache({
  maxBytes,
  entryMaxBytes,
}: CalendarCacheLimits = EXPORT_CALENDAR_CACHE) {
  const cache = new LRUCache<string, CachedCalendar>({
    maxSize: maxBytes,
    maxEntrySize: entryMaxBytes,
    sizeCalculation: ({ stored, text }) => stored.content.byteLength + text.byteLength,
  });
  return {
    get: (sha256: string) => cache.get(sha256),

    /** Keeps a calendar just read from the database, and returns it with its text. */
    keep(sha256: string, stored: StoredContent): CachedCalendar {
      const bytes = Buffer.from(
        stored.content.buffer,
        stored.content.byteOffset,
        stored.content.byteLength,
      );
      const calendar = {
        stored,
        text: stored.contentEncoding === 'gzip' ? gunzipSync(bytes) : bytes,
      };
      cache.set(sha256, calendar);
      return calendar;
    },

    /** Whether a calendar of this size (as text) is small enough to be kept. */
    fits: (sizeBytes: number) => sizeBytes * 2 <= entryMaxBytes,
  };
}

export type CalendarCache = ReturnType<typeof createCalendarCache>;
