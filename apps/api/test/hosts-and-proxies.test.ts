import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/test-app.js';

const createTodo = {
  method: 'POST',
  url: '/api/v1/todos',
  payload: { title: 'Where do I point?' },
} as const;

describe('Host headers (DNS rebinding)', () => {
  const ctx = useTestApp({
    PUBLIC_URL: 'https://todo.example',
    ALLOWED_HOSTS: 'api.internal,.team.example',
  });

  it.each([
    'localhost:3000',
    'app.localhost',
    '127.0.0.1:3000',
    '[::1]:3000',
    '192.168.1.20',
    'todo.example',
    'api.internal',
    'team.example',
    'ci.team.example',
  ])('answers for %s', async (host) => {
    const response = await ctx.app.inject({ url: '/api/v1/health', headers: { host } });
    expect(response.statusCode).toBe(200);
  });

  it.each([
    'evil.example',
    'todo.example.evil.example',
    'localhost.evil.example',
    'api.internal.evil',
    'xteam.example',
  ])('refuses %s with a JSON 400 and changes nothing', async (host) => {
    const response = await ctx.app.inject({ ...createTodo, headers: { host } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'Bad Request',
      message: expect.stringContaining('ALLOWED_HOSTS'),
    });
    expect(await ctx.app.prisma.todo.count()).toBe(0);
  });
});

describe('without a trusted proxy (the default)', () => {
  const ctx = useTestApp({ EXPORT_RATE_LIMIT_PER_MINUTE: '3' });

  it('builds URLs on the Host the client used, whatever X-Forwarded-Host says', async () => {
    const response = await ctx.http
      .post('/api/v1/todos')
      .set('host', 'localhost:3000')
      .set('x-forwarded-host', 'evil.example')
      .set('x-forwarded-proto', 'https')
      .send({ title: 'Mine' })
      .expect(201);
    expect(response.headers.location).toBe('http://localhost:3000/api/v1/todos/1');
  });

  it('counts exports against the connection, so a rotating X-Forwarded-For does not get around the limit', async () => {
    for (let i = 0; i < 3; i++) await ctx.http.post('/api/v1/todos/ical').expect(202);
    for (let i = 1; i <= 5; i++) {
      await ctx.http.post('/api/v1/todos/ical').set('x-forwarded-for', `10.0.0.${i}`).expect(429);
    }
    expect(await ctx.app.prisma.calendarExport.count()).toBe(3);
  });
});

describe('behind one trusted proxy (TRUST_PROXY=1)', () => {
  const ctx = useTestApp({ TRUST_PROXY: '1', EXPORT_RATE_LIMIT_PER_MINUTE: '2' });

  it('takes the client from the address the proxy adds, and the host it forwards', async () => {
    for (const client of ['10.0.0.1', '10.0.0.1', '10.0.0.2', '10.0.0.2']) {
      await ctx.http
        .post('/api/v1/todos/ical')
        .set('x-forwarded-for', `203.0.113.9, ${client}`)
        .expect(202);
    }
    // What the client itself wrote further left is not believed: same proxy-seen address, same budget.
    await ctx.http
      .post('/api/v1/todos/ical')
      .set('x-forwarded-for', `198.51.100.7, 10.0.0.1`)
      .expect(429);

    const created = await ctx.http
      .post('/api/v1/todos')
      .set('x-forwarded-host', 'todo.localhost')
      .set('x-forwarded-proto', 'https')
      .send({ title: 'Proxied' })
      .expect(201);
    expect(created.headers.location).toBe('https://todo.localhost/api/v1/todos/1');
  });

  it('counts an IPv6 /64 as one client, for exports as for every limit', async () => {
    for (const client of ['2001:db8:1:2::1', '2001:db8:1:2:ffff::9']) {
      await ctx.http.post('/api/v1/todos/ical').set('x-forwarded-for', client).expect(202);
    }
    await ctx.http
      .post('/api/v1/todos/ical')
      .set('x-forwarded-for', '2001:db8:1:2::77')
      .expect(429);
    await ctx.http.post('/api/v1/todos/ical').set('x-forwarded-for', '2001:db8:1:3::1').expect(202);
  });

  it('still refuses a forwarded host that is not ours', async () => {
    const response = await ctx.http
      .get('/api/v1/todos')
      .set('x-forwarded-host', 'evil.example')
      .expect(400);
    expect(response.body.message).toContain('evil.example');
  });
});

describe('behind a proxy at a listed address (TRUST_PROXY=10.9.0.0/16)', () => {
  const ctx = useTestApp({ TRUST_PROXY: '10.9.0.0/16' });

  it('ignores X-Forwarded-* from any other peer (here: loopback)', async () => {
    const response = await ctx.http
      .post('/api/v1/todos')
      .set('host', 'localhost:3000')
      .set('x-forwarded-host', 'todo.localhost')
      .send({ title: 'Direct' })
      .expect(201);
    expect(response.headers.location).toBe('http://localhost:3000/api/v1/todos/1');
  });
});
