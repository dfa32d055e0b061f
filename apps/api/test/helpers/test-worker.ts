import { loadConfig, startWorker, type RunningWorker } from '@taskoverflow/worker';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from './test-app.js';

/** A real graphile-worker runner, in this process, on the test app's database; started in `beforeAll`. */
export function useTestWorker(
  ctx: TestApp,
  env: Record<string, string> = {},
): { worker: RunningWorker } {
  const context = {} as { worker: RunningWorker };
  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: ctx.database.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      WORKER_HEARTBEAT_INTERVAL_MS: '200',
      WORKER_STALE_AFTER_MS: '2000',
      ...env,
    });
    context.worker = await startWorker(config, { logger: pino({ level: 'silent' }) });
  });
  afterAll(() => context.worker?.stop());
  return context;
}
