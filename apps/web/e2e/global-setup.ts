// Starts the system the way `npm start` does (launcher: embedded PostgreSQL,
// API serving the built app, worker) on free ports with a fresh data
// directory, and stops it afterwards. E2E_BASE_URL points the tests at a
// system that is already running instead.
import { spawnSystem } from '@taskoverflow/launcher/testing';
import { existsSync } from 'node:fs';
import path from 'node:path';
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
const logFile = path.join(webDir, 'test-results/e2e-system.log');

function findChromium(): string | null {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(candidate)) return candidate;
  const hint = `Chromium not found at ${candidate}; install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`;
  if (process.env.CI === 'true') throw new Error(hint);
  console.warn(`${hint} Skipping the browser tests.`);
  return null;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = findChromium();
  project.provide('chromiumPath', chromiumPath);
  const given = process.env.E2E_BASE_URL;
  if (given || chromiumPath === null) {
    project.provide('baseUrl', given?.replace(/\/$/, '') ?? '');
    return () => Promise.resolve();
  }
  const system = await spawnSystem({ logFile });
  project.provide('baseUrl', system.baseUrl.replace(/\/$/, ''));
  return async () => void (await system.stop());
}
