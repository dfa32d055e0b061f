import type { FastifyRequest } from 'fastify';

/** Methods that only read: a cross-site page may send them, it cannot read the answers (CORS). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// What the browser says of a request made by this site's own pages, or typed by the user.
const SAME_SITE_FETCHES = new Set(['same-origin', 'none']);

/**
 * Why a state-changing request looks like it was sent by another site's page,
 * or undefined when it does not. Browsers say where a request comes from in
 * `Sec-Fetch-Site`; older ones only in `Origin`; clients that are not browsers
 * (curl, scripts) send neither, and a page cannot make a browser omit both.
 * The approach of Go's `http.CrossOriginProtection`.
 *
 * @param trustedOrigins origins allowed besides our own (`CORS_ORIGINS`, `PUBLIC_URL`'s)
 */
export function crossSiteReason(
  request: FastifyRequest,
  trustedOrigins: readonly string[],
): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const { origin, 'sec-fetch-site': fetchSite } = request.headers;
  if (origin && trustedOrigins.includes(origin)) return undefined;
  if (fetchSite !== undefined) {
    return SAME_SITE_FETCHES.has(fetchSite) ? undefined : `the browser marked it ${fetchSite}`;
  }
  if (origin === undefined || origin === `${request.protocol}://${request.host}`) return undefined;
  return `it comes from ${origin}`;
}
