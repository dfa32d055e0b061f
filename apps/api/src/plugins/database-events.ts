import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { listenToDatabaseEvents, type DatabaseEvents } from '@taskoverflow/db';

declare module 'fastify' {
  interface FastifyInstance {
    databaseEvents: DatabaseEvents;
  }
}

/** The process's one LISTEN connection, closed with the app. */
export const databaseEvents = fp(
  (app: FastifyInstance, options: { databaseUrl: string }) => {
    const events = listenToDatabaseEvents(options.databaseUrl, app.log);
    app.decorate('databaseEvents', events);
    app.addHook('onClose', () => events.close());
  },
  { name: 'database-events' },
);
