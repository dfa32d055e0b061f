import { Logger as GraphileLogger, type Job, type LogLevel } from 'graphile-worker';
import { pino, type Level, type Logger } from 'pino';
import { exportIdOf } from './calendar-payload.js';
import type { WorkerConfig } from './config.js';

/** The process's logger: pretty lines in development, JSON lines elsewhere. */
export function createLogger(config: Pick<WorkerConfig, 'logLevel' | 'prettyLogs'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'worker', pid: process.pid },
    ...(config.prettyLogs
      ? {
          transport: {
            target: 'pino-pretty',
            options: { ignore: 'pid,hostname,service', singleLine: true },
          },
        }
      : {}),
  });
}

const PINO_LEVELS: Record<string, Level> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
};

/** graphile-worker's metadata, reduced to what a log line needs (a whole job row would swamp it). */
function fieldsOf(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!meta) return {};
  const { job, error, ...rest } = meta as { job?: Job; error?: unknown };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === null || typeof value !== 'object') fields[key] = value;
  }
  // `err` is the key pino serializes as an error (message, type, stack).
  if (error !== undefined) fields.err = error;
  if (job) {
    Object.assign(fields, {
      jobId: job.id,
      taskIdentifier: job.task_identifier,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      exportId: exportIdOf(job),
    });
  }
  return fields;
}

/**
 * Routes graphile-worker's logging into pino. A failed attempt that will be
 * retried is a warning, not an error: only the last one needs a person.
 */
export function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const scoped = logger.child({ component: 'graphile-worker', ...scope });
    return (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
      const fields = fieldsOf(meta);
      let pinoLevel = PINO_LEVELS[level] ?? 'info';
      const job = meta?.job as Job | undefined;
      if (pinoLevel === 'error' && meta?.failure === true && job && job.attempts < job.max_attempts)
        pinoLevel = 'warn';
      // Our task says when an export is ready (with what it made): graphile-worker's line would repeat it.
      if (pinoLevel === 'info' && meta?.success === true) pinoLevel = 'debug';
      scoped[pinoLevel](fields, message);
    };
  });
}
