import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One log line per request, once it is answered: what was asked, the answer
 * and how long it took (Fastify's own logging writes two, the first of them
 * with the whole request, which a client polling every few milliseconds turns
 * into most of the log).
 */
export const requestLog = fp(
  (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      reply.log.info(
        {
          method: request.method,
          url: request.url,
          statusCode: reply.statusCode,
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    });
  },
  { name: 'request-log' },
);
