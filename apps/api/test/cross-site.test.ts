import { describe, expect, it } from 'vitest';
import { snapshotTodos, useTestApp } from './helpers/test-app.js';

const ctx = useTestApp({ CORS_ORIGINS: 'https://calendar.example' });

async function storedState() {
  return {
    todos: await snapshotTodos(ctx.app),
    exports: await ctx.app.prisma.calendarExport.count(),
  };
}

describe('state-changing requests from another site (CSRF)', () => {
  it.each([
    [
      'Sec-Fetch-Site: cross-site',
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    ],
    [
      'Sec-Fetch-Site: same-site (another port of this host)',
      { 'sec-fetch-site': 'same-site', origin: 'http://localhost:5555' },
    ],
    ['a foreign Origin from a browser without Sec-Fetch-Site', { origin: 'https://evil.example' }],
    ['Origin: null (a sandboxed page or a file)', { origin: 'null' }],
  ])('refuses %s with a JSON 403 and changes nothing', async (_, headers) => {
    const before = await storedState();
    for (const request of [
      ctx.http.post('/api/v1/todos/ical'),
      ctx.http.post('/api/v1/todos').send({ title: 'Planted' }),
      ctx.http.delete('/api/v1/todos/1'),
    ]) {
      const response = await request.set(headers).expect(403);
      expect(response.body).toEqual({
        error: 'Forbidden',
        message: expect.stringContaining('Cross-site request refused'),
      });
    }
    expect(await storedState()).toEqual(before);
  });

  it.each([
    [
      'the page of this very origin',
      { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1' },
    ],
    ['an address typed by the user', { 'sec-fetch-site': 'none' }],
    ['a browser without Sec-Fetch-Site on this origin', { origin: 'ORIGIN' }],
    [
      'an origin of CORS_ORIGINS',
      { 'sec-fetch-site': 'cross-site', origin: 'https://calendar.example' },
    ],
    ['curl or a script (neither header)', {}],
  ])('accepts %s', async (_, headers) => {
    const own = `http://${new URL(ctx.http.get('/').url).host}`;
    const set = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, value.replace('ORIGIN', own)]),
    );
    await ctx.http.post('/api/v1/todos/ical').set(set).expect(202);
  });

  it('lets any site read (CORS keeps the answer from it)', async () => {
    await ctx.http
      .get('/api/v1/todos')
      .set({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })
      .expect(200);
  });

  it('refuses text/plain bodies, which a form can send without asking (415)', async () => {
    const response = await ctx.http
      .post('/api/v1/todos')
      .set('content-type', 'text/plain')
      .send('{"title":"Planted by a form"}')
      .expect(415);
    expect(response.body).toEqual({
      error: 'Unsupported Media Type',
      message: 'The body must be JSON, sent with Content-Type: application/json',
    });
    expect(await ctx.app.prisma.todo.count()).toBe(0);
  });
});
