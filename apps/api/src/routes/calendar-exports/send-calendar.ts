import { negotiate } from '@fastify/accept-negotiator';
import type { StoredContent } from '@taskoverflow/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Sends a stored calendar: its gzip bytes as they are to a client that
 * accepts gzip (no work at all); otherwise its `text` when at hand, or the
 * bytes decompressed on the fly. Plain text, from exports made before
 * calendars were compressed, is compressed as the client asks by the
 * compression plugin.
 */
export function sendStoredCalendar(
  request: FastifyRequest,
  reply: FastifyReply,
  { content, contentEncoding }: StoredContent,
  text?: Buffer,
): FastifyReply {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  void reply.type('text/calendar; charset=utf-8').header('vary', 'accept-encoding');
  if (contentEncoding !== 'gzip') return reply.send(bytes);
  if (negotiate(request.headers['accept-encoding'] ?? '', ['gzip']) === 'gzip') {
    return reply.header('content-encoding', 'gzip').send(bytes);
  }
  return reply.send(text ?? Readable.from([bytes]).pipe(createGunzip()));
}
