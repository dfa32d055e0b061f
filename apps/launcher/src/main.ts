import { migrate, redactDatabaseUrl } from '@taskoverflow/db';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import {
  firstMessage,
  startService,
  superviseService,
  type ServiceProcess,
  type SupervisedService,
} from './service-process.js';

const config = loadConfig();
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const log = (message: string) => console.log(`[launcher] ${message}`);

const services: SupervisedService[] = [];
let database: ServiceProcess | undefined;
let shuttingDown = false;

/** Services first (they finish their work), the database last. */
async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    log('stopping…');
    await Promise.all(services.map((service) => service.stop(config.shutdownTimeoutMs)));
    await database?.stop(config.shutdownTimeoutMs);
    log('stopped');
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function startDatabase(): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  const dataDir = join(config.dataDir, 'postgres');
  log(`starting embedded PostgreSQL on port ${config.embeddedPostgresPort} (data in ${dataDir})`);
  database = startService('database', entry('./database-process.js'), {
    args: [dataDir, String(config.embeddedPostgresPort)],
    detached: true,
  });
  return (await firstMessage<{ url: string }>(database)).url;
}

async function waitUntilReady(url: string, timeoutMs = 120_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    if (Date.now() > deadline) throw new Error(`the API was not ready within ${timeoutMs / 1000} s`);
    const ready = await fetch(url).then((response) => response.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

try {
  const databaseUrl = await startDatabase();
  log(`database ${redactDatabaseUrl(databaseUrl)}`);
  const applied = await migrate(databaseUrl);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations up to date');

  const env = { DATABASE_URL: databaseUrl, PORT: String(config.port) };
  services.push(
    superviseService('api', entry('../../api/dist/server.js'), { env }, log),
    superviseService('worker', entry('../../worker/dist/main.js'), { env: { DATABASE_URL: databaseUrl } }, log),
  );
  const baseUrl = `http://localhost:${config.port}`;
  await waitUntilReady(`${baseUrl}/api/v1/health/ready`);
  log(`TaskOverflow is ready at ${baseUrl}`);
} catch (error) {
  console.error('[launcher] could not start:', error instanceof Error ? error.message : error);
  await shutdown(1);
}
