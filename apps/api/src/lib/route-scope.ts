import type { TokenScope } from '@taskoverflow/contracts';
import type { HTTPMethods } from 'fastify';

/**
 * What a route needs of its caller's credential: `read` (a safe method on the
 * user's things), `write` (a change of them), `account` (managing the
 * account's credentials: a signed-in session only) or `metrics`.
 */
export type RouteScope = 'read' | 'write' | 'account' | 'metrics';

/** What a token of each scope may call. A session, or AUTH_MODE=local, may call everything. */
const TOKEN_REACH: Readonly<Record<TokenScope, readonly RouteScope[]>> = {
  read: ['read'],
  write: ['read', 'write'],
  metrics: ['metrics'],
};

export function tokenReaches(token: TokenScope, route: RouteScope): boolean {
  return TOKEN_REACH[token].includes(route);
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The scope of a route that declares none: `read` when its methods are all safe, else `write`. */
export function scopeByMethod(method: HTTPMethods | HTTPMethods[]): RouteScope {
  return ([] as string[]).concat(method).every((one) => SAFE_METHODS.has(one)) ? 'read' : 'write';
}
