import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { useTestApp } from './helpers/test-app.js';

const ctx = useTestApp();
const distDir = mkdtempSync(join(tmpdir(), 'web-dist-'));
let http: ReturnType<typeof supertest>;
let close: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(join(distDir, 'assets'));
  writeFileSync(
    join(distDir, 'index.html'),
    '<!doctype html><title>TaskOverflow</title><script src="/assets/app-3f2a1b.js"></script>',
  );
  writeFileSync(join(distDir, 'assets', 'app-3f2a1b.js'), 'console.log("app")');
  writeFileSync(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const app = await buildApp(ctx.config, { webDistDir: distDir });
  await app.ready();
  http = supertest(app.server);
  close = () => app.close();
});
afterAll(async () => {
  await close();
  rmSync(distDir, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('is served at / with a strict CSP and never cached, so a deploy shows at once', async () => {
    const response = await http
      .get('/')
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(response.text).toContain('<title>TaskOverflow</title>');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('caches hashed assets for a year', async () => {
    const response = await http.get('/assets/app-3f2a1b.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers client-side routes with the page', async () => {
    const response = await http
      .get('/jobs/8d9e7c52')
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(response.text).toContain('<title>TaskOverflow</title>');
  });

  it('answers a missing asset or API route with a JSON 404, not the page', async () => {
    for (const path of ['/assets/app-old.js', '/api/v2/todos']) {
      const response = await http
        .get(path)
        .expect(404)
        .expect('content-type', /application\/json/);
      expect(response.body).toEqual({ error: 'Not Found', message: `No route for GET ${path}` });
    }
  });
});
