import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirLock {
  /** Frees the folder for the next launcher (only if the lock is still this process's). */
  release(): void;
}

/**
 * One launcher per data folder. A second one would start a second PostgreSQL
 * on the same files, which refuses with a message about ports; this says what
 * is going on instead. The lock is a file holding the launcher's pid, so that
 * one left behind by a launcher that was killed (no such process any more) is
 * replaced. (PostgreSQL's own postmaster.pid stays the last guard, should two
 * launchers race to replace the same stale file.)
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'launcher.pid');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' }); // fails if the file exists
      return {
        release: () => {
          if (lockHolder(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(file);
    if (holder !== undefined && isRunning(holder)) {
      throw new Error(
        `TaskOverflow is already running from ${dataDir} (launcher pid ${holder}); stop it first, or set DATA_DIR to another folder`,
      );
    }
    rmSync(file, { force: true });
  }
}

/** The pid in the lock file; undefined when it is gone or holds no pid. */
function lockHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isRunning(pid: number): boolean {
  // Our own pid in the file is a stale lock whose pid was reused (containers start from low pids again).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it exists, run by another user
  }
}
