import { ROUTE_PREFIXES } from './route-paths.js';

/** The path of a feed's calendar, under the API prefix: the secret is the whole key. */
export function feedPath(secret: string): string {
  return `${ROUTE_PREFIXES.feeds}/${secret}.ics`;
}

/** What a log shows of a feed's path: the route matched, never the secret in the URL, however encoded. */
export const LOGGED_FEED_PATH = feedPath('[secret]');

// Any segment after the feeds' prefix but a feed's id: a secret, maybe mistyped or oddly encoded.
const FEED_SECRET_IN_URL = new RegExp(
  `(${ROUTE_PREFIXES.feeds}/)(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:[/?#]|$))[^/?#]+`,
  'gi',
);

/** A URL that no route matched, with anything in it that may be a feed secret masked: for logs, which must never hold one. */
export function redactFeedSecrets(url: string): string {
  return url.replace(FEED_SECRET_IN_URL, '$1[secret]');
}
