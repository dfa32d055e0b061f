import { LRUCache } from 'lru-cache';
import { gunzipSync } from 'node:zlib';
import type { StoredContent } from '@taskoverflow/db';

/** A calendar held in memory: as stored, and as text. */
export interface CachedCalendar {
  stored: StoredContent;
  text: Buffer;
}

/** What all cached calendars of one process may take together, and one of them alone. */
export const CALENDAR_CACHE_MAX_BYTES = 16 * 1024 * 1024;
export const CALENDAR_CACHE_ENTRY_MAX_BYTES = 1024 * 1024;

/**
 * Small calendars by their SHA-256 (their ETag), least recently used out
 * first. The key is the content, so an entry can never be stale, and every
 * export that made (or reused) the same calendar shares it: a download then
 * reads no bytes from the database and decompresses nothing.
 */
export function createCalendarCache() {
  const cache = new LRUCache<string, CachedCalendar>({
    maxSize: CALENDAR_CACHE_MAX_BYTES,
    maxEntrySize: CALENDAR_CACHE_ENTRY_MAX_BYTES,
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
    fits: (sizeBytes: number) => sizeBytes * 2 <= CALENDAR_CACHE_ENTRY_MAX_BYTES,
  };
}

export type CalendarCache = ReturnType<typeof createCalendarCache>;
