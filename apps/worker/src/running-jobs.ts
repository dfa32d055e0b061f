import type { Job, WorkerEvents } from 'graphile-worker';

/** The jobs this process is running now, as graphile-worker's events tell them. */
export function trackRunningJobs(events: WorkerEvents): () => Job[] {
  const running = new Map<string, Job>();
  events.on('job:start', ({ job }) => running.set(job.id, job));
  events.on('job:complete', ({ job }) => running.delete(job.id));
  return () => [...running.values()];
}
