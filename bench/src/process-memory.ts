import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of a process now and at its peak (VmRSS, VmHWM), in MB, from /proc. */
export function processMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** The pid of the API process that listens on `port` (found by its command line and environment). */
export function findApiPid(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (cmdline.includes('api/dist/server.js') && environ.includes(`PORT=${port}`))
        return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no API process listens on port ${port}`);
}
