import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { clientKey } from '../lib/client-key.js';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { isAllowedHost } from '../lib/allowed-hosts.js';
import { crossSiteReason } from '../lib/cross-site.js';
import { HttpError } from './error-handler.js';

export interface SecurityOptions {
  /** Origins allowed to call the API from a browser; none means same-origin only. */
  corsOrigins: string[];
  /** Host names served besides loopback names and IP addresses. */
  allowedHosts: string[];
  /** The origin of PUBLIC_URL, when set. */
  publicOrigin: string | undefined;
  /** Clients reach us over https: browsers are told to keep to it. */
  https: boolean;
}

/**
 * Security headers with a content security policy the web app satisfies (it
 * loads only its own files), CORS for configured origins only, refusal of
 * foreign Host headers (DNS rebinding) and of cross-site state changes (CSRF),
 * and rate limiting for the routes that opt in with `config.rateLimit`.
 */
export const security = fp(
  async (app: FastifyInstance, options: SecurityOptions) => {
    const trustedOrigins = [
      ...options.corsOrigins,
      ...(options.publicOrigin ? [options.publicOrigin] : []),
    ];
    app.addHook('onRequest', async (request) => {
      if (!isAllowedHost(request.hostname, options.allowedHosts)) {
        throw new HttpError(
          400,
          `This server does not answer for the host "${request.hostname}"; add it to ALLOWED_HOSTS`,
        );
      }
      const reason = crossSiteReason(request, trustedOrigins);
      if (reason) throw new HttpError(403, `Cross-site request refused: ${reason}`);
    });
    // A form or a no-cors fetch can send text/plain without asking (a "simple" request); the API reads JSON only.
    app.removeContentTypeParser('text/plain');

    // helmet's middleware, built once: @fastify/helmet builds it again for every request
    // (parsing and checking the policy each time), a cost every request paid, refusals included.
    const securityHeaders = helmet({
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
          // Over plain http these would send the browser to an https that is not there.
          upgradeInsecureRequests: options.https ? [] : null,
        },
      },
      strictTransportSecurity: options.https,
      // Downloads are opened by other origins' calendar apps, not embedded: keep the default CORP strict.
    });
    app.addHook('onRequest', (request, reply, done) => {
      // It calls back at once and never with an error (helmet 8 throws instead, and only when built).
      securityHeaders(request.raw, reply.raw, () => done());
    });
    await app.register(cors, { origin: options.corsOrigins.length ? options.corsOrigins : false });
    // Every limiter counts a client the same way: an IPv6 /64 is one client.
    await app.register(rateLimit, {
      global: false,
      keyGenerator: (request) => clientKey(request.ip),
    });
  },
  { name: 'security' },
);
