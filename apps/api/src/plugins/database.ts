import { createPrismaClient, type PrismaClient, type PrismaClientOptions } from '@taskoverflow/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
}

export interface DatabaseOptions extends PrismaClientOptions {
  databaseUrl: string;
}

/** The Prisma client, shared by the repositories and closed with the app. */
export const database = fp(
  (app: FastifyInstance, options: DatabaseOptions) => {
    const { databaseUrl, ...clientOptions } = options;
    const prisma = createPrismaClient(databaseUrl, clientOptions);
    app.decorate('prisma', prisma);
    app.addHook('onClose', () => prisma.$disconnect());
  },
  { name: 'database' },
);
