// What the rest of the code may know of the queue: its names and settings, never its SQL.
export { PURGE_JOB_KEY, type ExportJob } from './job-queue.js';
export { QUEUE_POLL_INTERVAL_MS, ownerFeedsJobKey } from './feed-render-jobs.js';
export * from './task-names.js';
