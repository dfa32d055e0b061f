/**
 * Applies the migrations (and graphile-worker's schema) to DATABASE_URL and
 * exits: the one-shot `migrate` service of docker compose.
 */
import { migrate, redactDatabaseUrl } from '@taskoverflow/db';
import { loadConfig } from './config.js';

const { databaseUrl } = loadConfig();
if (!databaseUrl) {
  console.error('DATABASE_URL is required to migrate');
  process.exit(2);
}
const applied = await migrate(databaseUrl);
console.log(
  `${redactDatabaseUrl(databaseUrl)}: ${applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date'}`,
);
