// Starts the system the way `npm start` does (launcher: embedded PostgreSQL,
// API serving the built app, worker) on free ports with a fresh data
// directory, and stops it afterwards, and finds the Chromium the tests drive
// (support/find-chromium.ts). E2E_BASE_URL points the tests at a system that
// is already running instead.
import { spawnSystem } from '@taskoverflow/launcher/testing';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findChromium } from './support/find-chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** True when this setup started the system on this machine (its processes are ours to signal). */
    systemIsLocal: boolean;
  }
}

const webDir = fileURLToPath(new URL('..', import.meta.url));
const logFile = path.join(webDir, 'test-results/e2e-system.log');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = await findChromium();
  console.info(`Browser tests: Chromium from ${chromium.source}, ${chromium.path}`);
  project.provide('chromiumPath', chromium.path);
  const given = process.env.E2E_BASE_URL;
  if (given) {
    project.provide('baseUrl', given.replace(/\/$/, ''));
    project.provide('systemIsLocal', false);
    return () => Promise.resolve();
  }
  const system = await spawnSystem({ logFile });
  project.provide('baseUrl', system.baseUrl.replace(/\/$/, ''));
  project.provide('systemIsLocal', true);
  return async () => void (await system.stop());
}
