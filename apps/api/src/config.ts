import { CommonEnvironment, DatabaseUrl } from '@taskoverflow/contracts';
import envSchema from 'env-schema';
import { Type, type Static } from 'typebox';

const Environment = Type.Object({
  ...CommonEnvironment,
  HOST: Type.String({ default: 'localhost' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 3000 }),
  DATABASE_URL: DatabaseUrl,
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  EXPORT_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 25, default: 5 }),
  WORKER_STALE_AFTER_MS: Type.Integer({ minimum: 1000, default: 30_000 }),
  EXPORT_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  CORS_ORIGINS: Type.String({ default: '', pattern: '^(https?://[^,\\s]+(,https?://[^,\\s]+)*)?$' }),
});

export interface ApiConfig {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  logLevel: string;
  /** Pretty, human logs in development; JSON lines everywhere else. */
  prettyLogs: boolean;
  bodyLimitBytes: number;
  /** Base of the absolute URLs the API hands out; from the request's Host when absent. */
  publicUrl: string | undefined;
  /** Tries a calendar export gets (the first and its retries) before it is FAILURE. */
  exportMaxAttempts: number;
  /** Exports one client may start per minute (429 beyond). */
  exportRateLimitPerMinute: number;
  corsOrigins: string[];
  /** A worker silent this long is shown as not alive (as the workers' reaper presumes it dead). */
  workerStaleAfterMs: number;
}

/** Reads and validates the environment once; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const values = envSchema<Static<typeof Environment>>({ schema: Environment, data: env, env: false, dotenv: false });
  return {
    environment: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    logLevel: values.LOG_LEVEL,
    prettyLogs: values.NODE_ENV === 'development',
    bodyLimitBytes: values.BODY_LIMIT_BYTES,
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    exportMaxAttempts: values.EXPORT_MAX_ATTEMPTS,
    exportRateLimitPerMinute: values.EXPORT_RATE_LIMIT_PER_MINUTE,
    corsOrigins: values.CORS_ORIGINS ? values.CORS_ORIGINS.split(',') : [],
    workerStaleAfterMs: values.WORKER_STALE_AFTER_MS,
  };
}
