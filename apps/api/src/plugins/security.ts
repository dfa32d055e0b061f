import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityOptions {
  /** Origins allowed to call the API from a browser; none means same-origin only. */
  corsOrigins: string[];
}

/**
 * Security headers with a content security policy the web app satisfies (it
 * loads only its own files), CORS for configured origins only, and rate
 * limiting for the routes that opt in with `config.rateLimit`.
 */
export const security = fp(
  async (app: FastifyInstance, options: SecurityOptions) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      // Downloads are opened by other origins' calendar apps, not embedded: keep the default CORP strict.
    });
    await app.register(cors, { origin: options.corsOrigins.length ? options.corsOrigins : false });
    await app.register(rateLimit, { global: false });
  },
  { name: 'security' },
);
