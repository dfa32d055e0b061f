import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app.js';

const ctx = useTestApp({ STATUS_WAIT_MS: '5000' });

async function startExport(): Promise<string> {
  const { body } = await ctx.http.post('/api/v1/todos/ical').expect(202);
  return body.task_id as string;
}

async function timedStatus(id: string, prefer?: string) {
  const started = Date.now();
  const request = ctx.http.get(`/api/v1/todos/ical/${id}/status`);
  const response = await (prefer ? request.set('prefer', prefer) : request).expect(200);
  return { status: response.body.task_status as string, ms: Date.now() - started };
}

describe('a status request for an export that has not ended', () => {
  it('waits for its end and answers with it, as soon as it is committed', async () => {
    const id = await startExport();
    const answer = timedStatus(id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);
    const { status, ms } = await answer;
    expect(status).toBe('FAILURE');
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(ms).toBeLessThan(5_000);
  });

  it('answers with the status it has after `Prefer: wait=N` seconds', async () => {
    const { status, ms } = await timedStatus(await startExport(), 'wait=1');
    expect(status).toBe('PENDING');
    expect(ms).toBeGreaterThanOrEqual(1_000);
    expect(ms).toBeLessThan(5_000);
  });

  it('answers at once with `Prefer: wait=0`, and for an export that has ended', async () => {
    const id = await startExport();
    expect((await timedStatus(id, 'wait=0')).ms).toBeLessThan(1_000);
    await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);
    const ended = await timedStatus(id);
    expect(ended.status).toBe('FAILURE');
    expect(ended.ms).toBeLessThan(1_000);
  });
});
