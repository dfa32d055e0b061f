import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { LogRecord } from './worker-test-kit.js';

export interface WorkerProcess {
  child: ChildProcess;
  /** Its JSON log lines, parsed, as they arrive. */
  logs: LogRecord[];
  /** Whatever it wrote to stderr. */
  stderr: string[];
  /** Resolves with the pool id once it printed `worker ready`. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const workerRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs the real worker entry point (`src/main.ts`, through tsx) as a process
 * of its own, with `env` on top of this one's, so that it can be signalled and killed.
 */
export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@taskoverflow/source', 'src/main.ts'],
    {
      cwd: workerRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: LogRecord[] = [];
  const stderr: string[] = [];
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const record = JSON.parse(line) as LogRecord;
      logs.push(record);
      if (record.msg.startsWith('worker ready')) resolve(record.poolId as string);
    });
    void exited.then(({ code }) =>
      reject(new Error(`the worker exited (${code}) before it was ready:\n${stderr.join('\n')}`)),
    );
  });
  // Tests that expect the process to fail never wait for it to be ready.
  ready.catch(() => undefined);
  return { child, logs, stderr, ready, exited };
}
