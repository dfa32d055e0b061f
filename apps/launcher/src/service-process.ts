import { ServiceMessage } from '@taskoverflow/contracts';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Value } from 'typebox/value';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /**
   * Settles when the process has exited and its IPC channel has closed (so every
   * message it sent has arrived), with its exit code (null when killed by a signal).
   */
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
  const exited = once(child, 'close').then(([code]) => code as number | null);
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

/** The service's messages of the launcher's protocol, as they arrive (anything else it sends is ignored). */
function onServiceMessage(
  service: ServiceProcess,
  handler: (message: ServiceMessage) => void,
): void {
  service.child.on('message', (message: unknown) => {
    if (Value.Check(ServiceMessage, message)) handler(message);
  });
}

export type Listening = Omit<Extract<ServiceMessage, { type: 'listening' }>, 'type'>;

export interface SupervisedService {
  name: string;
  /** The process running now. */
  readonly current: ServiceProcess;
  /** Settles once a run of the service says that it listens: its port, and the setup code it printed, if any. */
  readonly listening: Promise<Listening>;
  /** Settles with the reason when a run of the service said it failed: it is not restarted then. */
  readonly failed: Promise<string>;
  /** Stops it for good (no restart). */
  stop(timeoutMs: number): Promise<void>;
}

const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];
// A process that ran this long before it crashed restarts after the shortest delay again.
const STABLE_AFTER_MS = 60_000;

/**
 * Keeps a service running: when it exits without being asked to (say, its
 * database went away), it is started again after a short, growing delay;
 * unless it said that it failed (a port in use), which another run would only repeat.
 */
export function superviseService(
  name: string,
  script: string,
  options: Parameters<typeof startService>[2],
  log: (message: string) => void,
): SupervisedService {
  let stopped = false;
  let crashes = 0;
  let reportFailure!: (reason: string) => void;
  const failed = new Promise<string>((resolve) => (reportFailure = resolve));
  let reportListening!: (listening: Listening) => void;
  const listening = new Promise<Listening>((resolve) => (reportListening = resolve));

  const start = () => {
    const service = startService(name, script, options);
    onServiceMessage(service, (message) => {
      if (message.type === 'listening') return reportListening(message);
      stopped = true;
      reportFailure(message.reason);
    });
    watch(service, Date.now());
    return service;
  };
  const watch = (service: ServiceProcess, startedAt: number) =>
    void service.exited.then((code) => {
      if (stopped) return;
      crashes = Date.now() - startedAt > STABLE_AFTER_MS ? 1 : crashes + 1;
      const delay = RESTART_DELAYS_MS[Math.min(crashes, RESTART_DELAYS_MS.length) - 1]!;
      log(`${name} exited unexpectedly (code ${code}); restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (!stopped) current = start();
      }, delay);
    });
  let current = start();

  return {
    name,
    get current() {
      return current;
    },
    listening,
    failed,
    async stop(timeoutMs) {
      stopped = true;
      await current.stop(timeoutMs);
    },
  };
}
