import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findFreePort } from '@taskoverflow/db';
import {
  firstMessage,
  spawnSystem,
  startService,
  type ServiceProcess,
} from '@taskoverflow/launcher/testing';
import type { ProcessKinds } from './cpu-split.js';
import { startHaproxy, type LoadBalancer } from './haproxy.js';
import { findApiPid } from './process-memory.js';

const apiEntry = fileURLToPath(new URL('../../apps/api/dist/server.js', import.meta.url));
const workerEntry = fileURLToPath(new URL('../../apps/worker/dist/main.js', import.meta.url));
const STOP_TIMEOUT_MS = 30_000;

export interface Cluster {
  /** Where clients go: the load balancer when there are several API processes. */
  url: string;
  databaseUrl: string;
  kinds: ProcessKinds;
  stop(): Promise<void>;
}

/**
 * The built system as `npm start` runs it (embedded PostgreSQL, one API, one
 * worker), plus API and worker processes of the same build up to `apis` and
 * `workers`, each API on its own port, with HAProxy in front of several.
 */
export async function startCluster(
  apis: number,
  workers: number,
  env: NodeJS.ProcessEnv,
): Promise<Cluster> {
  const system = await spawnSystem({ env });
  const services: ServiceProcess[] = [];
  let loadBalancer: LoadBalancer | undefined;
  const stop = async () => {
    await loadBalancer?.stop();
    await Promise.all(services.map((service) => service.stop(STOP_TIMEOUT_MS)));
    await system.stop();
  };
  try {
    const service = { ...env, DATABASE_URL: system.databaseUrl };
    const ports = [Number(new URL(system.baseUrl).port)];
    for (let i = 1; i < apis; i++) {
      const PORT = String(await findFreePort());
      const api = startService('api', apiEntry, { env: { ...service, PORT } });
      services.push(api);
      await firstMessage(api); // it says that it listens
      ports.push(Number(PORT));
    }
    for (let i = 1; i < workers; i++)
      services.push(startService('worker', workerEntry, { env: service }));
    if (apis > 1) loadBalancer = await startHaproxy(ports);
    return {
      url: loadBalancer?.url ?? system.baseUrl,
      databaseUrl: system.databaseUrl,
      kinds: {
        api: ports.map(findApiPid),
        worker: await workerPids(system.databaseUrl, workers),
        // The first line of postmaster.pid is the server's pid.
        postgres: Number(
          readFileSync(join(system.settings.DATA_DIR, 'postgres', 'postmaster.pid'), 'utf8').split(
            '\n',
            1,
          )[0],
        ),
        loadBalancer: loadBalancer ? [loadBalancer.pid] : [],
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The pids of the worker processes, once `count` of them have said that they run (heartbeats). */
async function workerPids(databaseUrl: string, count: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT DISTINCT pid FROM worker_heartbeats',
      );
      if (rows.length >= count) return rows.map(({ pid }) => pid);
      await delay(100);
    }
  } finally {
    await client.end();
  }
}
