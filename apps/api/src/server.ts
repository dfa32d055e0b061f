import type { ServiceMessage } from '@taskoverflow/contracts';
import closeWithGrace from 'close-with-grace';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type ApiConfig } from './config.js';

/** Tells the launcher, when it started this process (IPC channel), once the message is sent; false when alone. */
async function tellSupervisor(message: ServiceMessage): Promise<boolean> {
  const send = process.send?.bind(process);
  if (!send) return false;
  await new Promise<void>((resolve) => send(message, undefined, {}, () => resolve()));
  return true;
}

/**
 * Stops for a reason that a restart cannot fix, where a stack trace would hide
 * the one thing to do: the launcher prints it as its reason to stop; alone, this process says it.
 */
async function refuseToStart(reason: string): Promise<never> {
  if (!(await tellSupervisor({ type: 'failed', reason }))) console.error(reason);
  process.exit(1);
}

/** The settings, or the end of the process when they cannot work together (a ConfigError says why). */
async function loadConfigOrRefuse(): Promise<ApiConfig> {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return refuseToStart(error.message);
  }
}

const config = await loadConfigOrRefuse();
const app = await buildApp(config);

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the pool.
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});

try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  await app.close();
  await refuseToStart(
    `port ${config.port} is already in use by another program; stop it or set PORT to a free port`,
  );
}
const setupCode = app.instanceClaim.setupCodeAtStart;
await tellSupervisor({
  type: 'listening',
  port: (app.server.address() as AddressInfo).port,
  ...(setupCode && { setup_code: setupCode }),
});
