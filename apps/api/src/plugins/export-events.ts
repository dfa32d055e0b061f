import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { listenToExportEvents, type ExportEventListener } from '../lib/export-event-listener.js';

declare module 'fastify' {
  interface FastifyInstance {
    exportEvents: ExportEventListener;
  }
}

/** The process's one LISTEN connection for export changes, closed with the app. */
export const exportEvents = fp(
  (app: FastifyInstance, options: { databaseUrl: string }) => {
    const listener = listenToExportEvents(options.databaseUrl, app.log);
    app.decorate('exportEvents', listener);
    app.addHook('onClose', () => listener.close());
  },
  { name: 'export-events' },
);
