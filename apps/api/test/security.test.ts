import { findFreePort } from '@taskoverflow/db';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { useTestApp } from './helpers/test-app.js';

const ctx = useTestApp({
  CORS_ORIGINS: 'https://calendar.example',
  EXPORT_RATE_LIMIT_PER_MINUTE: '2',
});
const testEnv = () => ({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: ctx.database.url });

describe('security headers', () => {
  it('sends a strict content security policy and the usual hardening headers', async () => {
    const response = await ctx.http.get('/api/v1/health').expect(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps a plain-http deployment on http: no upgrade-insecure-requests, no Strict-Transport-Security', async () => {
    const response = await ctx.http.get('/api/v1/health').expect(200);
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('tells browsers to stay on https when PUBLIC_URL is https', async () => {
    const app = await buildApp({
      ...ctx.config,
      ...loadConfig({ ...testEnv(), PUBLIC_URL: 'https://todo.example' }),
    });
    try {
      const response = await app.inject({
        url: '/api/v1/health',
        headers: { host: 'todo.example' },
      });
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await app.close();
    }
  });
});

describe('CORS', () => {
  it('allows the configured origin', async () => {
    const response = await ctx.http
      .options('/api/v1/todos')
      .set('origin', 'https://calendar.example')
      .set('access-control-request-method', 'POST')
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://calendar.example');
  });

  it('does not allow any other origin', async () => {
    const response = await ctx.http
      .get('/api/v1/todos')
      .set('origin', 'https://evil.example')
      .expect(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting of export creation', () => {
  it('answers 429 with Retry-After once the limit is reached, and starts no export', async () => {
    await ctx.http.post('/api/v1/todos/ical').expect(202);
    await ctx.http.post('/api/v1/todos/ical').expect(202);
    const refused = await ctx.http.post('/api/v1/todos/ical').expect(429);

    expect(refused.body).toEqual({ error: 'Too Many Requests', message: expect.any(String) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await ctx.app.prisma.calendarExport.count()).toBe(2);
    // Other routes are not limited.
    for (let i = 0; i < 5; i++) await ctx.http.get('/api/v1/todos').expect(200);
  });
});

describe('when the database is unreachable', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    const port = await findFreePort();
    app = await buildApp(
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: `postgresql://nobody:secret@127.0.0.1:${port}/none`,
      }),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers 503 with Retry-After, without a stack trace, SQL or connection details', async () => {
    const response = await supertest(app.server).get('/api/v1/todos').expect(503);
    expect(response.body).toEqual({
      error: 'Service Unavailable',
      message: 'The database is unavailable right now; try again in a few seconds.',
    });
    expect(response.headers['retry-after']).toBe('5');
    expect(JSON.stringify(response.body)).not.toMatch(/secret|127\.0\.0\.1|SELECT|at .*\.js/);
  });

  it('is not ready (503), but alive', async () => {
    await supertest(app.server).get('/api/v1/health/ready').expect(503);
    await supertest(app.server).get('/api/v1/health').expect(200);
  });
});

describe('an unexpected fault', () => {
  it('answers 500 with the request id only: no message, stack trace or SQL', async () => {
    const app = await buildApp(ctx.config);
    // A route that fails the way a bug would, carrying what must never leak.
    app.get('/api/v1/fault', () => {
      throw new Error('SELECT secret FROM users WHERE password = 42');
    });
    await app.ready();
    try {
      const response = await supertest(app.server).get('/api/v1/fault').expect(500);
      expect(response.body).toEqual({
        error: 'Internal Server Error',
        message: `Something went wrong on our side. Request id: ${response.headers['x-request-id']}`,
      });
      expect(response.text).not.toMatch(/secret|SELECT|\.ts|\.js/);
    } finally {
      await app.close();
    }
  });
});
