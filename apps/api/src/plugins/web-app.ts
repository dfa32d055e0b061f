import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError } from './error-handler.js';

const ONE_YEAR_S = 31_536_000;

/**
 * Serves the built web app: hashed assets cached for a year, `index.html`
 * never cached, and every other GET outside `/api` answered with `index.html`
 * so that client-side routes survive a reload.
 */
export const webApp = fp(
  async (app: FastifyInstance, options: { distDir: string }) => {
    if (!existsSync(join(options.distDir, 'index.html'))) {
      app.log.warn({ distDir: options.distDir }, 'web app not built; serving the API only');
      return;
    }
    await app.register(fastifyStatic, {
      root: options.distDir,
      wildcard: false,
      setHeaders(res, path) {
        res.header(
          'cache-control',
          path.includes('/assets/') ? `public, max-age=${ONE_YEAR_S}, immutable` : 'no-cache',
        );
      },
    });
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      // A missing API route or asset is a 404, not the page: a browser must not run HTML as a script.
      if (/^\/(api|assets)\//.test(request.url))
        throw new HttpError(404, `No route for GET ${request.url.split('?')[0]}`);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'web-app' },
);
