import { negotiate } from '@fastify/accept-negotiator';
import type { StoredContent } from '@taskoverflow/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { CalendarCache } from './calendar-cache.js';

/** A stored calendar to answer with: its text's SHA-256 and size, and how to read it. */
export interface CalendarToSend {
  contentSha256: string;
  sizeBytes: number | null;
  /** When the text last changed, for Last-Modified and If-Modified-Since; optional. */
  lastModified?: Date | null;
  /** Reads it from the database; null when it is gone since. */
  load: () => Promise<StoredContent | null>;
}

/**
 * Answers with a stored calendar, revalidated by its SHA-256: `ETag` (and
 * `Last-Modified`), and 304 to an `If-None-Match` that holds it — or, without
 * one, to an `If-Modified-Since` no older than the last change. Otherwise the
 * calendar comes from the cache, or the database (and into the cache when
 * small). @returns false, having sent nothing, when it is no longer stored:
 * the caller says why. (Not the reply: a reply is a thenable, which `await` would unwrap.)
 */
export async function sendCalendar(
  request: FastifyRequest,
  reply: FastifyReply,
  calendars: CalendarCache,
  { contentSha256, sizeBytes, lastModified, load }: CalendarToSend,
): Promise<boolean> {
  const etag = `"${contentSha256}"`;
  void reply.header('etag', etag);
  if (lastModified) void reply.header('last-modified', lastModified.toUTCString());
  if (notModified(request, etag, lastModified)) {
    void reply.code(304).send();
    return true;
  }
  const cached = calendars.get(contentSha256);
  if (cached) {
    sendStoredCalendar(request, reply, cached.stored, cached.text);
    return true;
  }
  const stored = await load();
  if (!stored) return false;
  if (sizeBytes === null || !calendars.fits(sizeBytes)) sendStoredCalendar(request, reply, stored);
  else {
    const calendar = calendars.keep(contentSha256, stored);
    sendStoredCalendar(request, reply, calendar.stored, calendar.text);
  }
  return true;
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
function notModified(request: FastifyRequest, etag: string, lastModified?: Date | null): boolean {
  const { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = request.headers;
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(/\s*,\s*/).includes(etag);
  if (!lastModified || ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * Sends a stored calendar: its gzip bytes as they are to a client that
 * accepts gzip (no work at all); otherwise its `text` when at hand, or the
 * bytes decompressed on the fly. Plain text, from exports made before
 * calendars were compressed, is compressed as the client asks by the
 * compression plugin.
 */
function sendStoredCalendar(
  request: FastifyRequest,
  reply: FastifyReply,
  { content, contentEncoding }: StoredContent,
  text?: Buffer,
): void {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  void reply.type('text/calendar; charset=utf-8').header('vary', 'accept-encoding');
  if (contentEncoding !== 'gzip') void reply.send(bytes);
  else if (negotiate(request.headers['accept-encoding'] ?? '', ['gzip']) === 'gzip')
    void reply.header('content-encoding', 'gzip').send(bytes);
  else void reply.send(text ?? Readable.from([bytes]).pipe(createGunzip()));
}
