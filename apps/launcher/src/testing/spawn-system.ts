import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { embeddedDatabaseUrl, findFreePort } from '@taskoverflow/db';
import { embeddedDatabaseDir } from '../config.js';

export interface LauncherProcess {
  pid: number;
  /** Its settings (PORT, DATA_DIR, EMBEDDED_PG_PORT): a second launcher given them is a second `npm start` in the same place. */
  settings: { PORT: string; DATA_DIR: string; EMBEDDED_PG_PORT: string };
  /** Everything the launcher printed so far. */
  output: string[];
  /** Settles with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the URL it says it is ready at; rejects if it exits first or takes too long. */
  ready: Promise<string>;
  /** Ctrl-C as a person would: SIGINT, then waits for the exit (SIGKILL after 30 s); returns its code. */
  stop(): Promise<number | null>;
}

export interface RunningSystem extends Omit<LauncherProcess, 'ready'> {
  baseUrl: string;
  /** The setup code it printed (AUTH_MODE=accounts, no admin yet), else null. */
  setupCode: string | null;
  /** The embedded database, for seeding and inspecting. */
  databaseUrl: string;
}

export interface SpawnSystemOptions {
  /** Added to this process's environment; PORT, DATA_DIR and EMBEDDED_PG_PORT replace the fresh ones. */
  env?: NodeJS.ProcessEnv;
  /** A database to use; by default the system gets a fresh embedded one (whatever DATABASE_URL says). */
  databaseUrl?: string;
  /** Also write the launcher's output to this file. */
  logFile?: string;
}

// The built launcher, whether this module runs from src/ (tests) or dist/.
const launcherEntry = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Runs the built launcher exactly as `npm start` does, by default on free
 * ports with a fresh data directory (removed when it stops); what it does
 * next is up to the caller. Most want {@link spawnSystem}.
 */
export async function startLauncher({
  env = {},
  databaseUrl,
  logFile,
}: SpawnSystemOptions = {}): Promise<LauncherProcess> {
  const settings = {
    PORT: env.PORT ?? String(await findFreePort()),
    EMBEDDED_PG_PORT: env.EMBEDDED_PG_PORT ?? String(await findFreePort()),
    DATA_DIR: env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'taskoverflow-system-')),
  };
  const ownsDataDir = env.DATA_DIR === undefined;
  if (ownsDataDir) chmodSync(settings.DATA_DIR, 0o755); // PostgreSQL runs as another user, which must reach its directory.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, ...settings };
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl;
  else delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [launcherEntry], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (logFile) mkdirSync(dirname(logFile), { recursive: true });
  const log = logFile ? createWriteStream(logFile) : undefined;
  const output: string[] = [];
  // Its last lines may still be in the pipes when it exits; services left behind by a
  // killed launcher would hold them open, hence the bound.
  const exited = once(child, 'exit').then(async ([code]) => {
    await Promise.race([once(child, 'close'), delay(2_000)]);
    return code as number | null;
  });

  const ready = new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        log?.write(`${line}\n`);
        const match = /ready at (http:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
    }
    void exited.then((code) =>
      reject(new Error(`the system exited (${code}) before it was ready`)),
    );
    setTimeout(
      () => reject(new Error(`the system was not ready within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    ).unref();
  });
  // Callers that expect the launcher to fail never wait for it to be ready.
  ready.catch(() => undefined);

  return {
    pid: child.pid!,
    settings,
    output,
    exited,
    ready,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      log?.end();
      if (ownsDataDir) rmSync(settings.DATA_DIR, { recursive: true, force: true });
      return code;
    },
  };
}

/** The setup code in a launcher's output (the launcher's line, or the API's own), if any. */
export function setupCodeIn(output: readonly string[]): string | null {
  for (const line of output) {
    const code = /setup code:? ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/i.exec(line)?.[1];
    if (code) return code;
  }
  return null;
}

/**
 * Starts the built system exactly as `npm start` does (embedded PostgreSQL in a
 * fresh data directory, API, worker) on free ports, for end-to-end tests and
 * benchmarks, and waits until it says it is ready.
 */
export async function spawnSystem(options: SpawnSystemOptions = {}): Promise<RunningSystem> {
  const launcher = await startLauncher(options);
  try {
    const baseUrl = await launcher.ready;
    return {
      ...launcher,
      baseUrl,
      setupCode: setupCodeIn(launcher.output),
      databaseUrl:
        options.databaseUrl ??
        (await embeddedDatabaseUrl(
          embeddedDatabaseDir(launcher.settings.DATA_DIR),
          Number(launcher.settings.EMBEDDED_PG_PORT),
          'taskoverflow',
        )),
    };
  } catch (error) {
    await launcher.stop();
    throw new Error(`${(error as Error).message}:\n${launcher.output.slice(-40).join('\n')}`);
  }
}
