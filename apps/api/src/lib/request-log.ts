import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { redactFeedSecrets } from './feed-path.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Logged in place of the path asked, for a route whose path holds a secret (a feed's URL). */
    loggedPath?: string;
  }
}

/** The URL a log line shows: the route's `loggedPath` when it has one (and the query), else the URL asked, masked. */
function loggedUrl(request: FastifyRequest): string {
  const { loggedPath } = request.routeOptions.config;
  if (!loggedPath) return redactFeedSecrets(request.url);
  const query = request.url.indexOf('?');
  return query === -1 ? loggedPath : loggedPath + request.url.slice(query);
}

/**
 * One log line per request, once it is answered: what was asked, the answer
 * and how long it took. Fastify's own logging writes two, the first of them
 * with the whole request, which a client polling every few milliseconds turns
 * into most of the log.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = {
      method: request.method,
      url: loggedUrl(request),
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}
