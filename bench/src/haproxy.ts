import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findFreePort } from '@taskoverflow/db';

export interface LoadBalancer {
  /** Where clients connect: http://127.0.0.1:<port>. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

/**
 * Starts Debian's HAProxy (`apt-get install haproxy`) on loopback in front of
 * the API processes on `ports`: round robin, each checked on /api/v1/health/ready.
 * Resolves once it holds every backend UP. For benchmarks only.
 */
export async function startHaproxy(ports: number[]): Promise<LoadBalancer> {
  const [port, statsPort] = [await findFreePort(), await findFreePort()];
  const dir = mkdtempSync(join(tmpdir(), 'taskoverflow-haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    `global
  # One thread: on two shared cores a second would only compete with the API processes.
  nbthread 1
  maxconn 4096

defaults
  mode http
  option http-keep-alive
  timeout connect 5s
  # Longer than a status request may wait for its export (STATUS_WAIT_MS).
  timeout client 60s
  timeout server 60s
  # On a busy machine a health check may wait for CPU: a slow answer is not a dead process.
  timeout check 5s

frontend api
  bind 127.0.0.1:${port}
  default_backend apis

backend apis
  balance roundrobin
  option httpchk
  # HTTP/1.1 with a Host: the API answers only the host names it serves.
  http-check send meth GET uri /api/v1/health/ready ver HTTP/1.1 hdr Host 127.0.0.1
${ports.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check inter 1s`).join('\n')}

frontend stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
`,
  );
  // -db: in the foreground, not a daemon, so that it is our child and ends with us.
  const child = spawn('haproxy', ['-db', '-f', config], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilBackendsUp(`http://127.0.0.1:${statsPort}/stats;csv`, ports.length);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}

/** Polls HAProxy's statistics (CSV: proxy name, server name, …, status) until `count` servers of `apis` are UP. */
async function untilBackendsUp(statsUrl: string, count: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const csv = await fetch(statsUrl).then(
      (response) => response.text(),
      () => '',
    );
    const header = csv.split('\n', 1)[0]!.replace(/^# /, '').split(',');
    const status = header.indexOf('status');
    const up = csv
      .split('\n')
      .map((line) => line.split(','))
      .filter((fields) => fields[0] === 'apis' && /^api\d+$/.test(fields[1] ?? ''))
      .filter((fields) => fields[status] === 'UP').length;
    if (up === count) return;
    if (Date.now() > deadline) throw new Error(`HAProxy: ${up} of ${count} API processes UP`);
    await delay(100);
  }
}
