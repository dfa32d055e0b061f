import type { ServiceMessage } from '@taskoverflow/contracts';
import closeWithGrace from 'close-with-grace';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const app = await buildApp(config);

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the pool.
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});

/** Tells the launcher, when it started this process (IPC channel), once the message is sent; false when alone. */
async function tellSupervisor(message: ServiceMessage): Promise<boolean> {
  const send = process.send?.bind(process);
  if (!send) return false;
  await new Promise<void>((resolve) => send(message, undefined, {}, () => resolve()));
  return true;
}

try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  // A restart cannot fix this, and a stack trace would hide the one thing to do.
  const reason = `port ${config.port} is already in use by another program; stop it or set PORT to a free port`;
  // The launcher prints it as its reason to stop; alone, this process says it.
  if (!(await tellSupervisor({ type: 'failed', reason }))) console.error(reason);
  await app.close();
  process.exit(1);
}
await tellSupervisor({ type: 'listening', port: (app.server.address() as AddressInfo).port });
