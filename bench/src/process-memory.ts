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

/** The fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold spaces). */
function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

/**
 * CPU time a process has used so far (user + system), in ms, from /proc; with
 * `exitedChildren`, also that of its children that ended (a server's finished connections).
 */
export function processCpuMs(pid: number, { exitedChildren = false } = {}): number {
  const fields = statFields(pid);
  // utime, stime, cutime, cstime are fields 14 to 17 of stat(5), in clock ticks (100 per second on Linux).
  const ticks = (first: number, last: number) =>
    fields.slice(first, last + 1).reduce((sum, value) => sum + Number(value), 0);
  return (ticks(11, 12) + (exitedChildren ? ticks(13, 14) : 0)) * 10;
}

/** The processes whose parent is `pid` (say, a PostgreSQL server's backends). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // ppid is field 4 of stat(5).
      if (Number(statFields(Number(entry))[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}
