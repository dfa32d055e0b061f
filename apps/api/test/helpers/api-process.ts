import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

/**
 * Runs the real API entry point (`src/server.ts`, through tsx) as a process of
 * its own, with `env` on top of this one's, so that it can be signalled and watched.
 */
export function spawnApiProcess(env: NodeJS.ProcessEnv, stdio: 'inherit' | 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=@taskoverflow/source', server], {
    env: { ...process.env, ...env },
    stdio,
  });
}
