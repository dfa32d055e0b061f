import { findFreePort } from '@taskoverflow/db';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';

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

/**
 * Starts the API process in production mode on a free loopback port over
 * `databaseUrl`, and resolves once it is ready, with its `/api/v1` base URL.
 */
export async function startApiProcess(
  databaseUrl: string,
): Promise<{ api: ChildProcess; exited: Promise<unknown[]>; base: string }> {
  const port = await findFreePort();
  const api = spawnApiProcess(
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    'inherit',
  );
  const exited = once(api, 'exit');
  const base = `http://127.0.0.1:${port}/api/v1`;
  await untilReady(base);
  return { api, exited, base };
}

/**
 * Resolves once `GET {base}/health/ready` answers 200 (`base` ends with /api/v1);
 * given as long as the hook that starts the process.
 */
async function untilReady(base: string): Promise<void> {
  await vi.waitFor(async () => expect((await fetch(`${base}/health/ready`)).status).toBe(200), {
    timeout: 60_000,
    interval: 100,
  });
}
