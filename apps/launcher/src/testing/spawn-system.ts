import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@taskoverflow/db';

export interface RunningSystem {
  baseUrl: string;
  /** The embedded database, for seeding and inspecting. */
  databaseUrl: string;
  /** Everything the launcher printed so far. */
  output: string[];
  /** Ctrl-C as a person would: SIGINT, then waits for the exit (SIGKILL after 30 s); returns its code. */
  stop(): Promise<number | null>;
}

export interface SpawnSystemOptions {
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** A database to use; by default the system gets a fresh embedded one (whatever DATABASE_URL says). */
  databaseUrl?: string;
  /** Also write the launcher's output to this file. */
  logFile?: string;
}

// The built launcher, whether this module runs from src/ (tests) or dist/.
const launcher = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts the built system exactly as `npm start` does (embedded PostgreSQL in a
 * fresh data directory, API, worker) on free ports, for end-to-end tests and benchmarks.
 */
export async function spawnSystem({ env = {}, databaseUrl, logFile }: SpawnSystemOptions = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskoverflow-system-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as another user, which must reach its directory.
  const [port, pgPort] = [await findFreePort(), await findFreePort()];
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), ...env };
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl;
  else delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [launcher], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  if (logFile) mkdirSync(dirname(logFile), { recursive: true });
  const log = logFile ? createWriteStream(logFile) : undefined;
  const output: string[] = [];
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  async function stop(): Promise<number | null> {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    log?.end();
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  }

  const ready = new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        log?.write(`${line}\n`);
        const match = /ready at (http:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
    }
    void exited.then((code) => reject(new Error(`the system exited (${code}) before it was ready`)));
    setTimeout(() => reject(new Error(`the system was not ready within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS).unref();
  });
  try {
    return {
      baseUrl: await ready,
      databaseUrl: databaseUrl ?? `postgresql://postgres:postgres@localhost:${pgPort}/taskoverflow`,
      output,
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}:\n${output.slice(-40).join('\n')}`);
  }
}
