import { Logger, runMigrations } from 'graphile-worker';

const silentLogger = new Logger(() => () => {});

/** Installs or upgrades graphile-worker's job queue schema (`graphile_worker`) in the database at `databaseUrl`. */
export async function migrateJobQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: silentLogger });
}
