import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { API_PREFIX, ROUTE_PREFIXES } from '../lib/route-paths.js';

export interface OpenApiOptions {
  /** The session cookie's name (it depends on https). */
  sessionCookieName: string;
}

/**
 * The OpenAPI document, generated from the route schemas, and Swagger UI to
 * browse it. Every operation needs a session or an API token unless it says
 * otherwise (`security: []`, which authentication.ts gives the public routes).
 */
export const openapi = fp(
  async (app: FastifyInstance, options: OpenApiOptions) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'TaskOverflow API',
          description:
            'Todos with an asynchronous iCalendar export. With `AUTH_MODE=accounts` every operation ' +
            'but the public ones needs a session cookie (from sign-up or sign-in) or an API token ' +
            '(`Authorization: Bearer tot_…`); with `AUTH_MODE=local` (loopback only) none does.',
          version: '1.0.0',
        },
        tags: [
          { name: 'todos', description: 'Manage todos' },
          { name: 'calendar export', description: 'Export todos to iCalendar, asynchronously' },
          {
            name: 'feeds',
            description:
              'Calendar feeds that calendar apps subscribe to, kept current by the worker',
          },
          { name: 'monitor', description: 'Watch the queue and the workers, and act on failures' },
          { name: 'accounts', description: 'Sign up and in, sessions, API tokens' },
          { name: 'admin', description: 'The admin’s: invite links (SIGN_UP=invite)' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: options.sessionCookieName,
              description: 'Set by sign-up and sign-in (HttpOnly)',
            },
            token: {
              type: 'http',
              scheme: 'bearer',
              description: `An API token (\`tot_…\`) from POST ${API_PREFIX}${ROUTE_PREFIXES.auth}/tokens`,
            },
          },
        },
        security: [{ session: [] }, { token: [] }],
      },
    });
    // Swagger UI brings inline scripts and styles: it sends its own policy, with their hashes.
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'openapi' },
);
