/** The same server and credentials, another database. */
export function withDatabaseName(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** The URL with its password masked, for logs. */
export function redactDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** PostgreSQL settings, by name, that a connection applies to its session. */
export type SessionSettings = Record<string, string>;

/** Commits return before their WAL is flushed: only for writers whose lost commits do no harm (see the worker's). */
export const ASYNCHRONOUS_COMMIT: SessionSettings = { synchronous_commit: 'off' };

/**
 * The same database, with `settings` applied to each session by the URL's
 * `options` (after any it already had): what node-postgres pools and
 * graphile-worker, which opens its connections from a URL, both honour.
 */
export function withSessionSettings(databaseUrl: string, settings: SessionSettings): string {
  const url = new URL(databaseUrl);
  const options = [
    url.searchParams.get('options'),
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].filter(Boolean);
  url.searchParams.set('options', options.join(' '));
  return url.toString();
}
