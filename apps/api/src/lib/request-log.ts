import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { redactFeedSecrets } from './feed-path.js';

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
      // A feed's URL holds its secret, which no log may keep.
      url: redactFeedSecrets(request.url),
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}
