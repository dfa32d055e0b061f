import type { FastifyRequest } from 'fastify';

/** An absolute URL for `path`: on PUBLIC_URL when set, else on the host the client used. */
export function publicUrl(request: FastifyRequest, base: string | undefined, path: string): string {
  return `${base ?? `${request.protocol}://${request.host}`}${path}`;
}
