import type { Job } from 'graphile-worker';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { graphileLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { lines, logger: graphileLogger(logger) };
}

const EXPORT_ID = '4f0c5a3e-6f1d-4b8e-9a57-2f8f2d1c9b10';
const job = (
  attempts: number,
  payload: unknown = { exportId: EXPORT_ID },
  task_identifier = 'generate-calendar',
) => ({ id: '7', task_identifier, attempts, max_attempts: 3, payload }) as Job;

describe('graphileLogger', () => {
  it("passes graphile-worker's lines to pino with its scope, at the matching level", () => {
    const { lines, logger } = capture();
    logger
      .scope({ label: 'worker', workerId: 'w-1' })
      .warn('slow', { duration: 12, nested: { large: true } });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'slow',
        component: 'graphile-worker',
        label: 'worker',
        workerId: 'w-1',
        duration: 12,
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('nested');
  });

  it('names the job and its export instead of logging the whole row', () => {
    const { lines, logger } = capture();
    logger.info('Completed task', { job: job(1) });
    expect(lines[0]).toMatchObject({
      jobId: '7',
      taskIdentifier: 'generate-calendar',
      attempt: 1,
      exportId: EXPORT_ID,
    });
    expect(lines[0]).not.toHaveProperty('job');
    logger.info('Completed task', { job: job(1, ['not', 'an', 'object']) });
    expect(lines[1]).not.toHaveProperty('exportId');
    // A job of a later version, read as that version.
    const v2 = { version: 2, exportId: EXPORT_ID };
    logger.info('Completed task', { job: job(1, v2, 'generate-calendar@2') });
    expect(lines[2]).toMatchObject({ taskIdentifier: 'generate-calendar@2', exportId: EXPORT_ID });
  });

  it('logs a failed attempt that will be retried as a warning, and the last one as an error', () => {
    const { lines, logger } = capture();
    logger.error('Failed task', { failure: true, job: job(2), error: new Error('boom') });
    logger.error('Failed task', { failure: true, job: job(3), error: new Error('boom') });
    expect(lines.map((line) => line.level)).toEqual([40, 50]);
    expect(lines[1]).toMatchObject({
      err: expect.objectContaining({ message: 'boom', type: 'Error' }),
    });
  });
});
