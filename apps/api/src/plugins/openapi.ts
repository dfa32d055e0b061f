import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The OpenAPI document, generated from the route schemas, and Swagger UI to browse it. */
export const openapi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'TaskOverflow API',
          description: 'Todos with an asynchronous iCalendar export.',
          version: '1.0.0',
        },
        tags: [
          { name: 'todos', description: 'Manage todos' },
          { name: 'calendar export', description: 'Export todos to iCalendar, asynchronously' },
          { name: 'monitor', description: 'Watch the queue and the workers, and act on failures' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
    });
    // Swagger UI brings inline scripts and styles: it sends its own policy, with their hashes.
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'openapi' },
);
