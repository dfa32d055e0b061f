import type { FastifyInstance } from 'fastify';

/**
 * Everything a request could store or change: the users' settings, the todos,
 * the exports and the job queue, each row in full. A rejected request must leave it equal.
 */
export async function snapshotStoredState(app: FastifyInstance): Promise<unknown> {
  const [row] = await app.prisma.$queryRawUnsafe<{ state: unknown }[]>(`
    SELECT json_build_object(
      'users', (SELECT coalesce(json_agg(u ORDER BY u.id), '[]') FROM users u),
      'todos', (SELECT coalesce(json_agg(t ORDER BY t.id), '[]') FROM todos t),
      'calendar_exports', (SELECT coalesce(json_agg(e ORDER BY e.id), '[]') FROM calendar_exports e),
      'calendar_feeds', (SELECT coalesce(json_agg(f ORDER BY f.id), '[]') FROM calendar_feeds f),
      'jobs', (SELECT coalesce(json_agg(j ORDER BY j.id), '[]') FROM graphile_worker._private_jobs j)
    ) AS state`);
  return row?.state;
}
