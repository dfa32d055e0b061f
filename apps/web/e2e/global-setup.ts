// Starts the system the way `npm start` does (launcher: embedded PostgreSQL,
// API serving the built app, worker) on free ports with a fresh data
// directory, and stops it afterwards, and finds the Chromium the tests drive
// (support/find-chromium.ts). E2E_BASE_URL points the tests at a system that
// is already running instead.
//
// A second system, with AUTH_MODE=accounts (sign-in, sessions, API tokens),
// serves the account tests (accounts.e2e.test.ts), started alongside the
// first; E2E_ACCOUNTS_BASE_URL points them at a running one instead.
import { startOidcProvider } from '@taskoverflow/api/testing/oidc-provider';
import { findFreePort } from '@taskoverflow/db';
import { spawnSystem, type RunningSystem } from '@taskoverflow/launcher/testing';
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
    /** The AUTH_MODE=accounts system. */
    accountsBaseUrl: string;
    /** The setup code of the accounts system when this setup started it (null for a running one): its claim makes the admin. */
    accountsSetupCode: string | null;
    /** The OpenID Connect provider the accounts system signs in with, when this setup started both. */
    oidcButtonLabel: string | null;
  }
}

const webDir = fileURLToPath(new URL('..', import.meta.url));
const logFile = (name: string) => path.join(webDir, `test-results/${name}.log`);

/**
 * The accounts system's settings: the throttles high enough for a test run's
 * sign-ups and wrong passwords from one address, but for three failed
 * sign-ins per account, so that a test meets the 429 without a long loop;
 * and two feeds per user, so that a test meets the quota's 403 at the third.
 */
const ACCOUNTS_ENV = {
  AUTH_MODE: 'accounts',
  QUOTA_FEEDS: '2',
  SIGN_IN_LIMIT_PER_ACCOUNT: '3',
  SIGN_IN_LIMIT_PER_CLIENT: '1000',
  SIGN_IN_SUCCESS_LIMIT_PER_CLIENT: '1000',
  SIGN_UP_LIMIT_PER_CLIENT: '1000',
};

const OIDC_BUTTON_LABEL = 'Sign in with Example ID';

const trimmed = (url: string) => url.replace(/\/$/, '');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = await findChromium();
  console.info(`Browser tests: Chromium from ${chromium.source}, ${chromium.path}`);
  project.provide('chromiumPath', chromium.path);
  const given = process.env.E2E_BASE_URL;
  const givenAccounts = process.env.E2E_ACCOUNTS_BASE_URL;

  // The accounts system signs in with a real OpenID Connect provider, started once the system's address is known.
  const issuerPort = await findFreePort();
  const oidcEnv = {
    OIDC_ISSUER: `http://127.0.0.1:${issuerPort}`,
    OIDC_CLIENT_ID: 'taskoverflow',
    OIDC_CLIENT_SECRET: 'test client secret',
    OIDC_BUTTON_LABEL,
  };
  // Both at once: each is mostly waiting for its PostgreSQL to start.
  const started = await Promise.allSettled([
    given ? null : spawnSystem({ logFile: logFile('e2e-system') }),
    givenAccounts
      ? null
      : spawnSystem({
          env: { ...ACCOUNTS_ENV, ...oidcEnv },
          logFile: logFile('e2e-accounts-system'),
        }),
  ]);
  const systems = started
    .filter((result) => result.status === 'fulfilled')
    .map((result) => result.value)
    .filter((system): system is RunningSystem => system !== null);
  const stopAll = async () => void (await Promise.all(systems.map((system) => system.stop())));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [local, accounts] = started.map((result) =>
    result.status === 'fulfilled' ? result.value : null,
  );

  project.provide('baseUrl', trimmed(given ?? local!.baseUrl));
  project.provide('systemIsLocal', !given);
  project.provide('accountsBaseUrl', trimmed(givenAccounts ?? accounts!.baseUrl));
  project.provide('accountsSetupCode', accounts?.setupCode ?? null);
  const provider =
    accounts &&
    (await startOidcProvider(
      [`${trimmed(accounts.baseUrl)}/api/v1/auth/oidc/callback`],
      issuerPort,
    ));
  project.provide('oidcButtonLabel', provider ? OIDC_BUTTON_LABEL : null);
  return async () => {
    await provider?.stop();
    await stopAll();
  };
}
