import {
  createExportStore,
  createPrismaClient,
  type ExportStore,
  type PrismaClient,
  type PrismaClientOptions,
} from '@taskoverflow/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
    /** The export store: every export transition, queue call and export statistic. */
    exportStore: ExportStore;
  }
}

export interface DatabaseOptions extends PrismaClientOptions {
  databaseUrl: string;
  exportTtlMs: number;
}

/** The Prisma client and the export store over it, shared by the repositories and closed with the app. */
export const database = fp(
  (app: FastifyInstance, options: DatabaseOptions) => {
    const { databaseUrl, exportTtlMs, ...clientOptions } = options;
    const prisma = createPrismaClient(databaseUrl, clientOptions);
    app.decorate('prisma', prisma);
    app.decorate('exportStore', createExportStore(prisma, { exportTtlMs }));
    app.addHook('onClose', () => prisma.$disconnect());
  },
  { name: 'database' },
);
