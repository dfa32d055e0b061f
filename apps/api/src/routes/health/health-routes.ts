import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '@taskoverflow/contracts';
import { readMigrations, unappliedMigrations } from '@taskoverflow/db';
import { Type } from 'typebox';
import { HEALTH_PATHS } from '../../lib/route-paths.js';

const Health = Type.Object({ status: Type.Literal('ok') });

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Read once: the files on disk do not change while the process runs.
  const migrations = readMigrations();

  app.get(
    HEALTH_PATHS.live,
    {
      schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Health } },
      config: { public: true },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    HEALTH_PATHS.ready,
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers and every migration is applied',
        response: { 200: Health, 503: ErrorResponse },
      },
      config: { public: true },
    },
    async (request, reply) => {
      try {
        const pending = await unappliedMigrations(app.prisma, migrations);
        if (pending.length === 0) return { status: 'ok' as const };
        return reply.code(503).send({
          error: 'Service Unavailable',
          message: `Migrations not applied: ${pending.join(', ')}`,
        });
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply
          .code(503)
          .send({ error: 'Service Unavailable', message: 'The database is not reachable' });
      }
    },
  );
};
