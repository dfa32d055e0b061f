import { createPrismaClient, type PrismaClient } from '@taskoverflow/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
}

export interface DatabaseOptions {
  databaseUrl: string;
  poolSize: number;
}

/** The Prisma client, shared by the repositories and closed with the app. */
export const database = fp(
  (app: FastifyInstance, options: DatabaseOptions) => {
    const prisma = createPrismaClient(options.databaseUrl, { poolSize: options.poolSize });
    app.decorate('prisma', prisma);
    app.addHook('onClose', () => prisma.$disconnect());
  },
  { name: 'database' },
);
