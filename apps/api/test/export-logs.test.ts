import { describe, expect, it } from 'vitest';
import { useLoggedApp } from './helpers/logged-app.js';
import { useTestApp } from './helpers/test-app.js';

const ctx = useTestApp();
const logged = useLoggedApp(ctx);
const records = () => logged.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('API logs of an export', () => {
  it('carry the export id on every line about it, from creation to status reads', async () => {
    const { body } = await logged.http.post('/api/v1/todos/ical').send({ window: 7 }).expect(202);
    await logged.http.get(`/api/v1/todos/ical/${body.task_id}/status`).expect(200);

    const about = records().filter((line) => line.exportId === body.task_id);
    expect(about.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['export queued', 'request completed']),
    );
    expect(about.filter((line) => line.msg === 'request completed')).toHaveLength(2);
    expect(about.find((line) => line.msg === 'export queued')).toMatchObject({
      selection: { window: 7 },
    });
  });

  it('say one line per request, once it is answered, with what was asked and how it went', async () => {
    const { body } = await logged.http.post('/api/v1/todos/ical').expect(202);
    const about = records().filter((line) => line.exportId === body.task_id);
    expect(about.filter((line) => /request/.test(String(line.msg)))).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        method: 'POST',
        url: '/api/v1/todos/ical',
        statusCode: 202,
        responseTime: expect.any(Number),
      }),
    ]);
  });

  it('are JSON lines that never contain the database password', () => {
    const password = new URL(ctx.config.databaseUrl).password;
    expect(logged.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(records())).not.toContain(`:${password}@`);
  });
});
