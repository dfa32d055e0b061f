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
 * Settings the manifests set ahead of the config module that will read them: being
 * added on another branch (AUTH_MODE `local|accounts`; containers run `accounts`).
 * Harmless once read; remove the name then.
 */
const SETTINGS_BEING_ADDED: Record<ProcessName, string[]> = {
  api: ['AUTH_MODE'],
  worker: [],
  migrate: [],
};

/**
 * The settings that only a Secret may hold, each with a stand-in of its form:
 * a setting read from a Secret is validated with it.
 */
export const SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgresql://taskoverflow:secret@database.invalid:5432/taskoverflow',
};

const composeFile = new URL('../../../docker-compose.yml', import.meta.url);

function composeCommands(): Record<ProcessName, string[]> {
  const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[] }>;
  };
  const command = (name: ProcessName) => {
    const given = compose.services[name]?.command;
    if (!given) throw new Error(`docker-compose.yml: no command for the ${name} service`);
    return given;
  };
  return { api: command('api'), worker: command('worker'), migrate: command('migrate') };
}

const settingsOf = (environment: { properties: object }, name: ProcessName) =>
  new Set([...Object.keys(environment.properties), ...SETTINGS_BEING_ADDED[name]]);

const commands = composeCommands();

export const PROCESSES: Record<ProcessName, Process> = {
  api: {
    command: commands.api,
    settings: settingsOf(api.Environment, 'api'),
    loadConfig: api.loadConfig,
  },
  worker: {
    command: commands.worker,
    settings: settingsOf(worker.Environment, 'worker'),
    loadConfig: worker.loadConfig,
  },
  migrate: {
    command: commands.migrate,
    settings: settingsOf(migrate.Environment, 'migrate'),
    loadConfig: migrate.loadConfig,
  },
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

/** The API's routes and its config module, typed: for the probes' check. */
export { api as apiDeployment, worker as workerDeployment };
