import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No Docker engine runs here, so the compose file is proven by reading it:
 * the services, what each waits for, their health checks and settings.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const composeFile = `${root}docker-compose.yml`;

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  stop_grace_period?: string;
  restart?: string;
  profiles?: string[];
}
const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { services } = compose;
const seconds = (duration = '0s') => Number(/^(\d+)s$/.exec(duration)?.[1] ?? NaN);

function hasDockerCompose(): boolean {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('docker-compose.yml', () => {
  it('has the whole system: postgres, a one-shot migrate, api, worker and a dev web server', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'web', 'worker']);
  });

  it('runs the official PostgreSQL image on a named volume, with a health check', () => {
    const { postgres } = services;
    expect(postgres!.image).toMatch(/^postgres:\d+/);
    expect(postgres!.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(compose.volumes).toHaveProperty('pgdata');
    expect(postgres!.healthcheck!.test.join(' ')).toContain('pg_isready');
  });

  it('migrates once, after PostgreSQL is healthy, and starts api and worker only after that succeeded', () => {
    expect(services.migrate!.command).toEqual(['node', 'apps/launcher/dist/migrate.js']);
    expect(services.migrate!.restart).toBe('no');
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) {
      expect(services[name]!.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('builds one image for every app service, with the entry points the Dockerfile provides', () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
    for (const name of ['migrate', 'api', 'worker']) {
      expect(services[name]!.image).toBe('taskoverflow:local');
      expect(services[name]!.build).toBe('.');
      const appDir = /^(apps\/[a-z]+)\/dist\//.exec(services[name]!.command!.at(-1)!)![1];
      expect(dockerfile).toContain(`COPY --from=build /app/${appDir}/dist ${appDir}/dist`);
    }
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('restarts the api and the workers if they stop by themselves (a database outage, say)', () => {
    for (const name of ['api', 'worker']) expect(services[name]!.restart).toBe('unless-stopped');
  });

  it('points every app service at the postgres service', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      expect(new URL(services[name]!.environment!.DATABASE_URL!).host).toBe('postgres:5432');
    }
  });

  it('publishes the API on port 3000 (or API_PORT) of this machine only (or PUBLISH_HOST), listening on every interface of its container with accounts, health-checked on readiness', () => {
    const { api } = services;
    expect(api!.ports).toEqual(['${PUBLISH_HOST:-127.0.0.1}:${API_PORT:-3000}:3000']);
    expect(api!.environment).toMatchObject({
      HOST: '0.0.0.0',
      PORT: '3000',
      AUTH_MODE: 'accounts',
      SIGN_UP: '${SIGN_UP:-open}',
      ADMIN_EMAIL: '${ADMIN_EMAIL:-}',
    });
    expect(readFileSync(`${root}Dockerfile`, 'utf8')).toMatch(/^ENV .*\bAUTH_MODE=accounts\b/m);
    expect(api!.healthcheck!.test.join(' ')).toContain('/api/v1/health/ready');
  });

  it('runs two workers that get longer to stop than they take to finish their jobs', () => {
    const { worker } = services;
    expect(worker!.deploy!.replicas).toBe(2);
    const graceMs = Number(worker!.environment!.WORKER_SHUTDOWN_GRACE_MS);
    expect(seconds(worker!.stop_grace_period) * 1000).toBeGreaterThan(graceMs);
  });

  it('offers the web app with hot reload behind the dev profile, proxying to the api service', () => {
    const { web } = services;
    expect(web!.profiles).toEqual(['dev']);
    expect(web!.command!.join(' ')).toContain('npm run dev -w @taskoverflow/web');
    expect(web!.environment!.API_PROXY_TARGET).toBe('http://api:3000');
    expect(web!.ports).toEqual(['${PUBLISH_HOST:-127.0.0.1}:${WEB_PORT:-5173}:5173']);
    expect(web!.depends_on).toEqual({ api: { condition: 'service_healthy' } });
  });

  it.skipIf(!hasDockerCompose())('is valid for docker compose itself', () => {
    execFileSync('docker', ['compose', '-f', composeFile, 'config', '--quiet'], { stdio: 'pipe' });
  });
});
