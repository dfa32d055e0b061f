/** The worker process: config, start, signals, exit code. */
import { loadConfig, type WorkerConfig } from './config.js';
import { createLogger } from './logger.js';
import { startWorker } from './worker.js';

let config: WorkerConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(
    `worker: invalid configuration: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
const logger = createLogger(config);

const worker = await startWorker(config, { logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, 'worker could not start');
  process.exit(1);
});

// In a terminal, Ctrl-C reaches this process and the launcher, which then sends SIGTERM:
// a second signal must not cut the grace period short.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    logger.info({ signal }, 'signal received');
    void worker.stop();
  });
}

// Exit explicitly: a job forced off at the end of the grace period may still hold a promise open.
worker.done.then(
  () => process.exit(0),
  () => process.exit(1),
);
