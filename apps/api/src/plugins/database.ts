import {
  createDatabasePool,
  createExportStore,
  createFeedStore,
  createHeartbeatsRepository,
  createOwnerRevisions,
  createPrismaClient,
  createSignInAttemptCounters,
  createTodosRepository,
  type DatabasePoolOptions,
  type ExportStore,
  type FeedStore,
  type HeartbeatsRepository,
  type OwnerRevisions,
  type PrismaClient,
  type SignInAttemptCounters,
  type TodosRepository,
} from '@taskoverflow/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
    /** The todos, on node-postgres: the hottest paths of the API. */
    todos: TodosRepository;
    /** The owners' current revisions, which cached todo lists are checked against. */
    ownerRevisions: OwnerRevisions;
    /** The export store: every export transition, queue call and export statistic. */
    exportStore: ExportStore;
    /** What a feed's public fetch reads and records. */
    feedStore: FeedStore;
    /** The worker pools' heartbeats, for the jobs monitor. */
    heartbeats: HeartbeatsRepository;
    /** Counters of sign-in attempts, shared by every API process. */
    signInAttempts: SignInAttemptCounters;
  }
}

export interface DatabaseOptions extends DatabasePoolOptions {
  databaseUrl: string;
  exportTtlMs: number;
}

/**
 * One pool of connections, shared by the Prisma client (which routes hand to
 * packages/db's repositories) and the stores, the todos and the heartbeats
 * (which run on node-postgres directly); closed with the app.
 */
export const database = fp(
  (app: FastifyInstance, options: DatabaseOptions) => {
    const { databaseUrl, exportTtlMs, ...poolOptions } = options;
    const pool = createDatabasePool(databaseUrl, poolOptions);
    const prisma = createPrismaClient(pool);
    app.decorate('prisma', prisma);
    app.decorate('todos', createTodosRepository(pool));
    app.decorate('ownerRevisions', createOwnerRevisions(pool));
    app.decorate('exportStore', createExportStore(pool, { exportTtlMs }));
    app.decorate('feedStore', createFeedStore(pool));
    app.decorate('heartbeats', createHeartbeatsRepository(pool));
    app.decorate('signInAttempts', createSignInAttemptCounters(pool));
    app.addHook('onClose', async () => {
      await prisma.$disconnect();
      await pool.end();
    });
  },
  { name: 'database' },
);
