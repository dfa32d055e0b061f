import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_PATTERN } from '@taskoverflow/contracts';

// The contract's pattern, which job payloads carry on to the worker too.
const WELL_FORMED = new RegExp(REQUEST_ID_PATTERN);

/**
 * The id of a request: the caller's `X-Request-Id` when it is a well-formed id
 * (so a proxy's id follows the request through our logs), otherwise a new UUID
 * (a client must not write markup, newlines or megabytes into our logs and headers).
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
}
