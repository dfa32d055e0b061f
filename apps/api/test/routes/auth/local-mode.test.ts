import { LOCAL_OWNER_EMAIL, LOCAL_OWNER_ID } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../../helpers/accounts.js';
import { useTestApp } from '../../helpers/test-app.js';

// The default: AUTH_MODE=local.
const ctx = useTestApp();

describe('AUTH_MODE=local', () => {
  it('names the local owner at GET /auth/me: that is how a client learns there is no sign-in', async () => {
    const response = await ctx.http.get('/api/v1/auth/me').expect(200);
    expect(response.body).toEqual({
      user: {
        id: LOCAL_OWNER_ID,
        email: LOCAL_OWNER_EMAIL,
        role: 'owner',
        created_at: expect.any(String),
        time_zone: null,
        calendar_time_zone: null,
      },
    });
  });

  it('keeps the local owner’s time zone setting at PATCH /auth/me, and shows it at GET /auth/me', async () => {
    const response = await ctx.http
      .patch('/api/v1/auth/me')
      .send({ time_zone: 'Europe/Berlin' })
      .expect(200);
    expect(response.body.user).toMatchObject({
      id: LOCAL_OWNER_ID,
      time_zone: 'Europe/Berlin',
      calendar_time_zone: 'Europe/Berlin',
    });
    expect((await ctx.http.get('/api/v1/auth/me').expect(200)).body).toEqual(response.body);
    await ctx.http.patch('/api/v1/auth/me').send({ time_zone: 'Europe/Berlín' }).expect(400);
    expect((await ctx.http.get('/api/v1/auth/me')).body.user.time_zone).toBe('Europe/Berlin');
  });

  it.each([
    ['POST', '/api/v1/auth/sign-up', { email: 'ada@example.com', password: PASSWORD }],
    ['POST', '/api/v1/auth/sign-in', { email: 'ada@example.com', password: PASSWORD }],
    ['POST', '/api/v1/auth/sign-out', undefined],
    ['POST', '/api/v1/auth/tokens', { name: 'script' }],
    ['GET', '/api/v1/auth/tokens', undefined],
    ['DELETE', '/api/v1/auth/tokens/00000000-0000-4000-8000-000000000000', undefined],
    ['GET', '/api/v1/auth/sessions', undefined],
    ['DELETE', '/api/v1/auth/sessions', undefined],
    ['DELETE', '/api/v1/auth/sessions/00000000-0000-4000-8000-000000000000', undefined],
    ['PUT', '/api/v1/auth/password', { current_password: PASSWORD, new_password: `${PASSWORD}!` }],
  ] as const)(
    'answers %s %s with 404 "Accounts are off", and stores nothing',
    async (method, url, payload) => {
      const response = await ctx.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: 'Accounts are off',
        message: expect.stringContaining('AUTH_MODE=local'),
      });
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await ctx.app.prisma.user.count()).toBe(1);
    },
  );

  it('needs no credential, and what it makes is the local owner’s', async () => {
    const todo = await ctx.http.post('/api/v1/todos').send({ title: 'Mine' }).expect(201);
    const exported = await ctx.http.post('/api/v1/todos/ical').send({}).expect(202);
    expect(
      (await ctx.app.prisma.todo.findUniqueOrThrow({ where: { id: todo.body.id } })).ownerId,
    ).toBe(LOCAL_OWNER_ID);
    expect(
      (
        await ctx.app.prisma.calendarExport.findUniqueOrThrow({
          where: { id: exported.body.task_id },
        })
      ).ownerId,
    ).toBe(LOCAL_OWNER_ID);
  });
});

describe('the OpenAPI document', () => {
  interface Operation {
    security?: unknown[];
  }
  const document = () =>
    ctx.app.swagger() as unknown as {
      components: { securitySchemes: Record<string, unknown> };
      security: unknown[];
      paths: Record<string, Record<string, Operation>>;
    };

  it('declares both security schemes and requires one of them by default', () => {
    expect(document().components.securitySchemes).toEqual({
      session: expect.objectContaining({
        type: 'apiKey',
        in: 'cookie',
        name: 'taskoverflow_session',
      }),
      token: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document().security).toEqual([{ session: [] }, { token: [] }]);
  });

  it('marks exactly the public operations as needing none', () => {
    const open = Object.entries(document().paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(
          ([, operation]) => Array.isArray(operation.security) && operation.security.length === 0,
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(open.sort()).toEqual([
      'GET /api/v1/auth/providers',
      'GET /api/v1/auth/setup',
      'GET /api/v1/feeds/{secret}.ics',
      'GET /api/v1/health',
      'GET /api/v1/health/ready',
      'POST /api/v1/auth/sign-in',
      'POST /api/v1/auth/sign-out',
      'POST /api/v1/auth/sign-up',
    ]);
  });
});
