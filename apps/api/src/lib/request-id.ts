import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// A UUID, a trace id, a proxy's id: letters, digits and a few separators, not too long to log.
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The id of a request: the caller's `X-Request-Id` when it is a well-formed id
 * (so a proxy's id follows the request through our logs), otherwise a new UUID
 * (a client must not write markup, newlines or megabytes into our logs and headers).
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
}
