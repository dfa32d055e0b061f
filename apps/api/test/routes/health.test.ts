import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app.js';

const ctx = useTestApp();

describe('health', () => {
  it('says the process is alive', async () => {
    const response = await ctx.http.get('/api/v1/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and every migration is applied', async () => {
    const response = await ctx.http.get('/api/v1/health/ready').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is not ready, with a JSON reason, while a migration is missing', async () => {
    const [last] = await ctx.app.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await ctx.app.prisma
      .$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      const response = await ctx.http.get('/api/v1/health/ready').expect(503);
      expect(response.body).toMatchObject({
        error: 'Service Unavailable',
        message: expect.stringMatching(/not applied/),
      });
    } finally {
      await ctx.app.prisma
        .$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await ctx.http.get('/api/v1/nothing-here').expect(404);
    expect(response.body).toEqual({
      error: 'Not Found',
      message: 'No route for GET /api/v1/nothing-here',
    });
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const response = await ctx.http.get('/api/openapi.json').expect(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/todos/', '/api/v1/todos/{id}', '/api/v1/health/ready']),
    );
    expect(
      response.body.paths['/api/v1/todos/'].post.requestBody.content['application/json'].schema
        .required,
    ).toEqual(['title']);
    await ctx.http.get('/api/docs/').expect(200).expect('content-type', /html/);
  });
});
