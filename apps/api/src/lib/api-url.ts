import type { FastifyRequest } from 'fastify';
import { API_PREFIX } from './route-paths.js';

/** The absolute URL of `path` (starting with `/`) on PUBLIC_URL when set, else on the host the client used. */
export function siteUrl(request: FastifyRequest, base: string | undefined, path: string): string {
  return `${base ?? `${request.protocol}://${request.host}`}${path}`;
}

/**
 * The absolute URL of `path`, a path under {@link API_PREFIX}: on PUBLIC_URL
 * when set, else on the host the client used. Every URL the API returns is
 * built here, so that none can miss a change of the prefix.
 */
export function apiUrl(request: FastifyRequest, base: string | undefined, path: string): string {
  return siteUrl(request, base, `${API_PREFIX}${path}`);
}
