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

/**
 * The same database, with commits that return before their WAL is flushed
 * (`synchronous_commit = off`, set on each session by the URL's `options`,
 * after any it already had): for connections that libraries open from a URL
 * themselves, graphile-worker's. Only for writers whose lost commits do no
 * harm (see the worker's pools).
 */
export function withAsynchronousCommit(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const options = url.searchParams.get('options');
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c synchronous_commit=off`);
  return url.toString();
}
