/**
 * What an API token may do. A signed-in session may do everything; a token
 * never manages the account (its tokens, password, sessions).
 */
export const TOKEN_SCOPES = ['read', 'write', 'metrics'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The scope of a token created without one. */
export const DEFAULT_TOKEN_SCOPE: TokenScope = 'write';

/** Each scope in one line, for people: the page, the API document and the README say the same. */
export const TOKEN_SCOPE_DESCRIPTIONS: Readonly<Record<TokenScope, string>> = {
  read: 'Read todos, exports, feeds and the jobs monitor; change nothing.',
  write: 'Read and change todos, exports and feeds; not the account (tokens, password, sessions).',
  metrics: 'Only the Prometheus metrics endpoint (an admin’s figures), for a scraper.',
};
