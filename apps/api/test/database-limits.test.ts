import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '@taskoverflow/db';
import { useTestApp } from './helpers/test-app.js';

// One connection, a short wait for it, and a short statement timeout: a busy database in miniature.
const ctx = useTestApp({
  DATABASE_POOL_SIZE: '1',
  DATABASE_CONNECT_TIMEOUT_MS: '300',
  DATABASE_STATEMENT_TIMEOUT_MS: '1000',
});

describe('a database too busy to answer in time', () => {
  it('cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS, as "unavailable"', async () => {
    const error = await ctx.app.prisma.$queryRaw`SELECT pg_sleep(3)`.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(String(error)).toMatch(/statement timeout/);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('answers 503 with Retry-After when no connection frees up in time, for reads and for transactions', async () => {
    // Prisma's promises are lazy: `then` starts the query, which then holds the only connection.
    const hog = ctx.app.prisma.$executeRaw`SELECT pg_sleep(0.9)`.then(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const started = Date.now();
      for (const request of [
        ctx.http.get('/api/v1/todos/1'),
        ctx.http.post('/api/v1/todos/ical'),
      ]) {
        const response = await request.expect(503);
        expect(response.body).toMatchObject({ error: 'Service Unavailable' });
        expect(response.headers['retry-after']).toBe('5');
      }
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await hog;
    }
    expect(await ctx.app.prisma.calendarExport.count()).toBe(0);
    await ctx.http.get('/api/v1/todos').expect(200);
  });
});

describe('the HTTP server', () => {
  it('gives a client REQUEST_TIMEOUT_MS to send its whole request', () => {
    expect(ctx.app.server.requestTimeout).toBe(30_000);
  });
});

describe('request ids', () => {
  it('keeps a well-formed X-Request-Id from the client or its proxy', async () => {
    const response = await ctx.http
      .get('/api/v1/health')
      .set('x-request-id', 'lb-7f3a.19:2')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('lb-7f3a.19:2');
  });

  it.each([['<script>alert(1)</script>'], ['a'.repeat(129)], ['two words'], ['-leading-dash']])(
    'replaces %s with an id of its own',
    async (given) => {
      const response = await ctx.http.get('/api/v1/health').set('x-request-id', given).expect(200);
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});

describe('a transaction that cannot start in time', () => {
  // A transaction waits for its connection as long as any statement: DATABASE_CONNECT_TIMEOUT_MS.
  const busy = useTestApp({ DATABASE_POOL_SIZE: '1', DATABASE_CONNECT_TIMEOUT_MS: '300' });

  it('is a 503, not a 500, and changes nothing', async () => {
    // Retrying a failed export is one transaction (its record and a new job).
    const { body } = await busy.http.post('/api/v1/todos/ical').expect(202);
    await busy.http.post(`/api/v1/monitor/exports/${body.task_id}/cancel`).expect(200);
    const hog = busy.app.prisma.$executeRaw`SELECT pg_sleep(1)`.then(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const response = await busy.http
        .post(`/api/v1/monitor/exports/${body.task_id}/retry`)
        .expect(503);
      expect(response.body).toMatchObject({ error: 'Service Unavailable' });
    } finally {
      await hog;
    }
    const after = await busy.http.get(`/api/v1/todos/ical/${body.task_id}/status`).expect(200);
    expect(after.body.task_status).toBe('FAILURE');
  });
});
