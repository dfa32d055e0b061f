import { migrate, redactDatabaseUrl } from '@taskoverflow/db';
import { fileURLToPath } from 'node:url';
import { embeddedDatabaseDir, loadConfig } from './config.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import {
  firstMessage,
  startService,
  superviseService,
  type Listening,
  type ServiceProcess,
  type SupervisedService,
} from './service-process.js';

const config = loadConfig();
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const log = (message: string) => console.log(`[launcher] ${message}`);

const services: SupervisedService[] = [];
// Longest the API may take to listen: its start-up takes seconds, this only bounds a hang.
const API_START_TIMEOUT_MS = 120_000;
let database: ServiceProcess | undefined;
let dataDirLock: DataDirLock | undefined;
let shuttingDown = false;

/** Services first (they finish their work), the database last, then the data folder is free. */
async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    const started = services.length > 0 || database !== undefined;
    if (started) log('stopping…');
    await Promise.all(services.map((service) => service.stop(config.shutdownTimeoutMs)));
    await database?.stop(config.shutdownTimeoutMs);
    dataDirLock?.release();
    if (started) log('stopped');
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function startDatabase(): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  dataDirLock = lockDataDir(config.dataDir);
  const dataDir = embeddedDatabaseDir(config.dataDir);
  log(`starting embedded PostgreSQL on port ${config.embeddedPostgresPort} (data in ${dataDir})`);
  database = startService('database', entry('./database-process.js'), {
    args: [dataDir, String(config.embeddedPostgresPort)],
    detached: true,
  });
  return (await firstMessage<{ url: string }>(database)).url;
}

/**
 * The port the API listens on and its setup code, once a run of it says so (a
 * run that crashes first is restarted by its supervisor); an error if it says
 * it failed, or does not listen in time.
 */
async function untilListening(api: SupervisedService): Promise<Listening> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the API did not listen within ${API_START_TIMEOUT_MS / 1000} s`)),
      API_START_TIMEOUT_MS,
    );
  });
  try {
    const outcome = await Promise.race([
      api.listening,
      api.failed.then((reason) => ({ reason })),
      deadline,
    ]);
    if ('reason' in outcome) throw new Error(outcome.reason);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

try {
  const databaseUrl = await startDatabase();
  log(`database ${redactDatabaseUrl(databaseUrl)}`);
  const applied = await migrate(databaseUrl);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations up to date');

  // The API first, and ready means that it listens: not that something answers on the port.
  const api = superviseService(
    'api',
    entry('../../api/dist/server.js'),
    { env: { DATABASE_URL: databaseUrl, PORT: String(config.port) } },
    log,
  );
  services.push(api);
  const { port, setup_code: setupCode } = await untilListening(api);
  services.push(
    superviseService(
      'worker',
      entry('../../worker/dist/main.js'),
      { env: { DATABASE_URL: databaseUrl } },
      log,
    ),
  );
  // AUTH_MODE=accounts and no admin yet: the operator claims it with this code (said before
  // "ready", so that whoever waits for that line has it).
  if (setupCode)
    log(`No admin yet: open the page and create an account with setup code ${setupCode}`);
  log(`TaskOverflow is ready at http://localhost:${port}`);

  // A later run of the API (after a crash) can find its port taken: the system is of no use without it.
  void api.failed.then((reason) => {
    log(reason);
    return shutdown(1);
  });
} catch (error) {
  console.error('[launcher] could not start:', error instanceof Error ? error.message : error);
  await shutdown(1);
}
