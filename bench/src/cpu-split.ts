import { readFileSync } from 'node:fs';
import { childPids, processCpuMs } from './process-memory.js';

/** The processes of one system, by kind; `postgres` is the server's main process (its backends are found from it). */
export interface ProcessKinds {
  api: number[];
  worker: number[];
  postgres: number;
  loadBalancer: number[];
}

export type CpuKind = keyof ProcessKinds | 'client';
export type CpuTimes = Record<CpuKind | 'machineBusy' | 'machineTotal', number>;

/** Busy and total CPU time of the whole machine so far (every core, every process), in ms, from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } {
  // cpu  user nice system idle iowait irq softirq steal …, in clock ticks (100 per second).
  const ticks = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]!
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busy: (total - ticks[3]! - ticks[4]!) * 10, total: total * 10 };
}

const sum = (pids: number[]) => pids.reduce((total, pid) => total + processCpuMs(pid), 0);

/**
 * CPU time used so far by each kind of process, this benchmark's own
 * (`client`), and the whole machine's (others' work included: it is shared).
 * PostgreSQL's counts its live backends and, through the server process, those that ended.
 */
export function cpuTimes(kinds: ProcessKinds): CpuTimes {
  const machine = machineCpuMs();
  const { user, system } = process.cpuUsage();
  return {
    api: sum(kinds.api),
    worker: sum(kinds.worker),
    postgres:
      processCpuMs(kinds.postgres, { exitedChildren: true }) + sum(childPids(kinds.postgres)),
    loadBalancer: sum(kinds.loadBalancer),
    client: (user + system) / 1000,
    machineBusy: machine.busy,
    machineTotal: machine.total,
  };
}

/** What each kind used between two readings. */
export function cpuUsedBetween(before: CpuTimes, after: CpuTimes): CpuTimes {
  return Object.fromEntries(
    Object.entries(after).map(([kind, ms]) => [kind, ms - before[kind as keyof CpuTimes]]),
  ) as CpuTimes;
}
