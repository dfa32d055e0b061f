import { DatabaseUrl, PortEnvironment, loadEnvironment } from '@taskoverflow/contracts/environment';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The settings this process reads from its environment (names, types, defaults). */
export const Environment = Type.Object({
  ...PortEnvironment,
  DATABASE_URL: Type.Optional(DatabaseUrl),
  DATA_DIR: Type.String({ default: `${repositoryRoot}.data` }),
  EMBEDDED_PG_PORT: Type.Integer({ minimum: 1, maximum: 65_535, default: 54_329 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 40_000 }),
});

export interface LauncherConfig {
  port: number;
  /** An external PostgreSQL; the embedded one is started when absent. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  /** How long services get to finish their work on Ctrl-C before they are killed. */
  shutdownTimeoutMs: number;
}

/** Where the embedded PostgreSQL keeps its cluster, in the data folder. */
export const embeddedDatabaseDir = (dataDir: string): string => join(dataDir, 'postgres');

/** Reads and validates the environment once; a bad value throws an error that names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LauncherConfig {
  const values = loadEnvironment(Environment, env);
  return {
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    embeddedPostgresPort: values.EMBEDDED_PG_PORT,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
  };
}
