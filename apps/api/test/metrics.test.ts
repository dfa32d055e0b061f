import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/test-app.js';

const ctx = useTestApp();

describe('GET /api/v1/metrics', () => {
  it('counts requests by route pattern and reports exports and the queue from the database', async () => {
    await ctx.http.post('/api/v1/todos').send({ title: 'a' }).expect(201);
    await ctx.http.get('/api/v1/todos/1').expect(200);
    await ctx.http.get('/api/v1/todos/999').expect(404);
    await ctx.http.post('/api/v1/todos/ical').expect(202);
    await ctx.http.post('/api/v1/todos/ical').expect(202);

    const response = await ctx.http.get('/api/v1/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/todos/:id",status_code="200"} 1',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/todos/:id",status_code="404"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="2.5",method="POST",route="/api/v1/todos",status_code="201"} 1',
    );
    expect(text).toContain('taskoverflow_exports{status="PENDING"} 2');
    expect(text).toContain('taskoverflow_exports{status="SUCCESS"} 0');
    expect(text).toContain('taskoverflow_queue_depth 2');
    // By version: what a deploy's operator watches drain; a version without jobs reads 0.
    expect(text).toContain(
      'taskoverflow_queue_jobs{task="generate-calendar",version="2",state="waiting"} 2',
    );
    expect(text).toContain(
      'taskoverflow_queue_jobs{task="generate-calendar",version="1",state="waiting"} 0',
    );
    expect(text).toContain('taskoverflow_export_seconds{phase="run",quantile="0.99"} 0');
  });

  it('counts the jobs an older build queued apart, until the last of them has run', async () => {
    const scrape = async () => (await ctx.http.get('/api/v1/metrics').expect(200)).text;
    // As builds before versions queued it: the bare name, the export id alone.
    const older = JSON.stringify({ exportId: '4f0c5a3e-6f1d-4b8e-9a57-2f8f2d1c9b10' });
    await ctx.app.prisma
      .$executeRaw`SELECT graphile_worker.add_job('generate-calendar', ${older}::json, job_key := 'older')`;
    expect(await scrape()).toContain(
      'taskoverflow_queue_jobs{task="generate-calendar",version="1",state="waiting"} 1',
    );
    await ctx.app.prisma.$executeRaw`SELECT graphile_worker.remove_job('older')`;
    expect(await scrape()).toContain(
      'taskoverflow_queue_jobs{task="generate-calendar",version="1",state="waiting"} 0',
    );
  });
});
