import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@taskoverflow/db';

export interface RunningSystem {
  baseUrl: string;
  /** The embedded database, for seeding and inspecting. */
  databaseUrl: string;
  /** Everything the launcher printed so far. */
  output: string[];
  /** Ctrl-C as a person would: SIGINT, then waits for a clean exit; returns its code. */
  stop(): Promise<number | null>;
}

// The built launcher, whether this module runs from src/ (tests) or dist/.
const launcher = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/**
 * Starts the built system exactly as `npm start` does (embedded PostgreSQL in a
 * fresh data directory, API, worker) on free ports, for end-to-end tests and benchmarks.
 */
export async function spawnSystem(env: NodeJS.ProcessEnv = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskoverflow-system-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as another user, which must reach its directory.
  const [port, pgPort] = [await findFreePort(), await findFreePort()];
  const child = spawn(process.execPath, [launcher], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = /ready at (http:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
    }
    void exited.then((code) => reject(new Error(`the system exited (${code}) before it was ready:\n${output.join('\n')}`)));
  });
  return {
    baseUrl: await ready,
    databaseUrl: `postgresql://postgres:postgres@localhost:${pgPort}/taskoverflow`,
    output,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
