import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const DATABASE_URL = 'postgresql://worker@localhost:5432/taskoverflow';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    expect(loadConfig({ DATABASE_URL })).toEqual({
      environment: 'development',
      databaseUrl: DATABASE_URL,
      concurrency: 4,
      exportTtlMs: 24 * 3_600_000,
      sessionIdleTimeoutMs: 168 * 3_600_000,
      shutdownGraceMs: 30_000,
      heartbeatIntervalMs: 5_000,
      staleAfterMs: 30_000,
      exportBatchSize: 2_000,
      exportMaxTodos: 100_000,
      feedRefreshMinutes: 15,
      calendarTimeZone: null,
      logLevel: 'info',
      prettyLogs: true,
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      DATABASE_URL,
      NODE_ENV: 'production',
      WORKER_CONCURRENCY: '8',
      EXPORT_TTL_HOURS: '0.5',
      SESSION_IDLE_TIMEOUT_HOURS: '2',
      WORKER_SHUTDOWN_GRACE_MS: '1000',
      WORKER_HEARTBEAT_INTERVAL_MS: '250',
      WORKER_STALE_AFTER_MS: '1000',
      EXPORT_BATCH_SIZE: '500',
      EXPORT_MAX_TODOS: '5000',
      CALENDAR_TIME_ZONE: 'Europe/Berlin',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      environment: 'production',
      concurrency: 8,
      exportTtlMs: 1_800_000,
      sessionIdleTimeoutMs: 7_200_000,
      shutdownGraceMs: 1_000,
      heartbeatIntervalMs: 250,
      staleAfterMs: 1_000,
      exportBatchSize: 500,
      exportMaxTodos: 5_000,
      calendarTimeZone: 'Europe/Berlin',
      logLevel: 'warn',
      prettyLogs: false,
    });
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ DATABASE_URL, WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY'],
    [{ DATABASE_URL, WORKER_CONCURRENCY: 'four' }, 'WORKER_CONCURRENCY'],
    [{ DATABASE_URL, EXPORT_TTL_HOURS: '0' }, 'EXPORT_TTL_HOURS'],
    [{ DATABASE_URL, EXPORT_BATCH_SIZE: '-5' }, 'EXPORT_BATCH_SIZE'],
    [{ DATABASE_URL, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL, CALENDAR_TIME_ZONE: 'Europe/Atlantis' }, 'CALENDAR_TIME_ZONE'],
    [
      { DATABASE_URL, WORKER_HEARTBEAT_INTERVAL_MS: '5000', WORKER_STALE_AFTER_MS: '6000' },
      'WORKER_STALE_AFTER_MS',
    ],
  ])('rejects %j, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
