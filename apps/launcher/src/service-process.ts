import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Settles when the process has exited, with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
}

/** Starts a Node.js service; its output goes to this terminal. */
export function startService(
  name: string,
  script: string,
  options: { args?: string[]; env?: NodeJS.ProcessEnv; detached?: boolean } = {},
): ServiceProcess {
  const child = fork(script, options.args ?? [], {
    // eslint-disable-next-line no-restricted-properties -- a child inherits this process's environment
    env: { ...process.env, ...options.env },
    detached: options.detached ?? false,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    name,
    child,
    exited,
    async stop(timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The first message the process sends over IPC, or an error if it exits before. */
export async function firstMessage<T>(service: ServiceProcess): Promise<T> {
  const message = once(service.child, 'message').then(([value]) => value as T);
  const exit = service.exited.then((code) => {
    throw new Error(`${service.name} exited (code ${code}) before it was ready`);
  });
  return Promise.race([message, exit]);
}
