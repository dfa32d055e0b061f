// Starts the system the way `npm start` does (launcher: embedded PostgreSQL,
// API serving the built app, worker) on free ports with a fresh data
// directory, and stops it afterwards. E2E_BASE_URL points the tests at a
// system that is already running instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** null when Chromium is missing outside CI: the browser tests are skipped. */
    chromiumPath: string | null;
  }
}

const webDir = fileURLToPath(new URL('..', import.meta.url));
const launcher = path.join(webDir, '../launcher/dist/main.js');
const logFile = path.join(webDir, 'test-results/e2e-system.log');
const READY = /ready at (http:\/\/\S+)/;
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function findChromium(): string | null {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(candidate)) return candidate;
  const hint = `Chromium not found at ${candidate}; install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`;
  if (process.env.CI === 'true') throw new Error(hint);
  console.warn(`${hint} Skipping the browser tests.`);
  return null;
}

async function startSystem(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  if (!existsSync(launcher))
    throw new Error(
      `${launcher} does not exist; run "npm run build" at the repository root first.`,
    );
  const dataDir = await mkdtemp(path.join(tmpdir(), 'taskoverflow-e2e-'));
  // Run as root, embedded PostgreSQL runs as the `postgres` user, which must be able to enter this directory.
  await chmod(dataDir, 0o755);
  await mkdir(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
  };
  // A fresh embedded database, never whatever DATABASE_URL the shell points at.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [launcher], {
    cwd: webDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const baseUrl = await waitForReady(child, exited);
    return { baseUrl, stop };
  } catch (error) {
    await stop();
    throw new Error(`The system did not start (${String(error)}); see ${logFile}.`);
  }
}

function waitForReady(child: ChildProcess, exited: Promise<number | null>): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "ready at" line within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    void exited.then((code) => reject(new Error(`the launcher exited with code ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = READY.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = findChromium();
  project.provide('chromiumPath', chromiumPath);
  const given = process.env.E2E_BASE_URL;
  if (given || chromiumPath === null) {
    project.provide('baseUrl', given?.replace(/\/$/, '') ?? '');
    return () => Promise.resolve();
  }
  const system = await startSystem();
  project.provide('baseUrl', system.baseUrl);
  return system.stop;
}
