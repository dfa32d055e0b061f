export { startWorker, type RunningWorker, type WorkerOverrides } from './worker.js';
export { loadConfig, type WorkerConfig } from './config.js';
