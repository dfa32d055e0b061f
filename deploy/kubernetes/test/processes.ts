// What the code says about the processes the image runs: the command that
// starts each (docker-compose.yml's, which the manifests must repeat), the
// settings its config module reads, and that module itself, to validate values.
import * as api from '@taskoverflow/api/deployment';
import * as migrate from '@taskoverflow/launcher/deployment';
import * as worker from '@taskoverflow/worker/deployment';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type ProcessName = 'api' | 'worker' | 'migrate';

export interface Process {
  /** Its command, as docker compose's service of the same name runs it. */
  command: string[];
  /** The names its config module reads. */
  settings: ReadonlySet<string>;
  /** Its config module: throws on a value it refuses. */
  loadConfig(env: Record<string, string>): unknown;
}

/**
 * The settings that only a Secret may hold, each with a stand-in of its form:
 * a setting read from a Secret is validated with it.
 */
export const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgresql://taskoverflow:secret@database.invalid:5432/taskoverflow',
};

const composeFile = new URL('../../../docker-compose.yml', import.meta.url);
const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[] }>;
};

/** A process, from docker compose's service of its name and its app's `./deployment` module. */
function describeProcess(
  name: ProcessName,
  deployment: { Environment: { properties: object }; loadConfig: Process['loadConfig'] },
): Process {
  const command = compose.services[name]?.command;
  if (!command) throw new Error(`docker-compose.yml: no command for the ${name} service`);
  return {
    command,
    settings: new Set(Object.keys(deployment.Environment.properties)),
    loadConfig: deployment.loadConfig,
  };
}

export const PROCESSES: Record<ProcessName, Process> = {
  api: describeProcess('api', api),
  worker: describeProcess('worker', worker),
  migrate: describeProcess('migrate', migrate),
};

/** The process a container runs, known by its command (with its args); undefined for another. */
export function processOf(container: {
  command?: string[];
  args?: string[];
}): ProcessName | undefined {
  const command = [...(container.command ?? []), ...(container.args ?? [])].join('\0');
  return (Object.keys(PROCESSES) as ProcessName[]).find(
    (name) => PROCESSES[name].command.join('\0') === command,
  );
}

/** The API's and the worker's modules, typed (routes, config): for the checks that read them. */
export { api as apiDeployment, worker as workerDeployment };
