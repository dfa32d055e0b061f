import { describe, expect, it, vi } from 'vitest';
import { toExportStatusResponse } from '../../src/lib/export-status.js';
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

describe('the answer of a status request that waited', () => {
  /** Starts a waiting status request, once it has read the export; @returns the answer and the reads made. */
  async function waitingStatus(id: string) {
    const reads = vi.spyOn(ctx.app.exportStore, 'observe');
    const answer = ctx.http.get(`/api/v1/todos/ical/${id}/status`).expect(200);
    // supertest sends on then(): start it now.
    const settled = answer.then((response) => response);
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    return { settled, reads };
  }

  /** The status answer made from a read of the export now. */
  async function readNow(id: string, resultUrl: string) {
    const { summary } = (await ctx.app.exportStore.observe('everyone', id))!;
    return toExportStatusResponse(summary, resultUrl);
  }

  it('is made from the announcement of the end (no second read), and equals a read of SUCCESS', async () => {
    const id = await startExport();
    const { settled, reads } = await waitingStatus(id);
    // What the worker does, through the same store calls.
    const [job] = await ctx.app.prisma.$queryRaw<{ jobId: string }[]>`
      SELECT job_id::text AS "jobId" FROM calendar_exports WHERE id = ${id}::uuid`;
    const attempt = await ctx.app.exportStore.startAttempt({
      exportId: id,
      jobId: job!.jobId,
      instanceTimeZone: null,
    });
    await attempt!.succeed({
      content: new Uint8Array([31, 139]),
      contentEncoding: 'gzip',
      sizeBytes: 321,
      contentSha256: 'cd'.repeat(32),
      todoCount: 3,
      eventCount: 2,
    });
    const { body } = await settled;
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect(body).toMatchObject({ task_status: 'SUCCESS', size_bytes: 321, todo_count: 3 });
    expect(body).toEqual(await readNow(id, body.result_url));
  });

  it('is made from the announcement of a FAILURE too, error included', async () => {
    const id = await startExport();
    const { settled, reads } = await waitingStatus(id);
    await ctx.http.post(`/api/v1/monitor/exports/${id}/cancel`).expect(200);
    const { body } = await settled;
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect(body.error).toEqual(expect.any(String));
    expect(body).toEqual(await readNow(id, body.result_url));
  });
});
