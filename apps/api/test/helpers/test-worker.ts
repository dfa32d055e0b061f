import {
  loadConfig,
  startWorker,
  type RunningWorker,
  type WorkerConfig,
  type WorkerOverrides,
} from '@taskoverflow/worker';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from './test-app.js';

/** A worker's settings on the test app's database, with short intervals and no logs. */
export function testWorkerConfig(ctx: TestApp): WorkerConfig {
  return loadConfig({
    DATABASE_URL: ctx.database.url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    WORKER_HEARTBEAT_INTERVAL_MS: '200',
    WORKER_STALE_AFTER_MS: '2000',
  });
}

/** A real graphile-worker runner, in this process, on the test app's database; started in `beforeAll`. */
export function useTestWorker(
  ctx: TestApp,
  overrides: WorkerOverrides = {},
): { worker: RunningWorker } {
  const context = {} as { worker: RunningWorker };
  beforeAll(async () => {
    context.worker = await startWorker(testWorkerConfig(ctx), {
      logger: pino({ level: 'silent' }),
      ...overrides,
    });
  });
  afterAll(() => context.worker?.stop());
  return context;
}
