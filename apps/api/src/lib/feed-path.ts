import { ROUTE_PREFIXES } from './route-paths.js';

/** The path of a feed's calendar, under the API prefix: the secret is the whole key. */
export function feedPath(secret: string): string {
  return `${ROUTE_PREFIXES.feeds}/${secret}.ics`;
}

const FEED_SECRET_IN_URL = new RegExp(`(${ROUTE_PREFIXES.feeds}/)[^/?#]+(\\.ics)`, 'g');

/** A URL with any feed secret in it masked: for logs, which must never hold one. */
export function redactFeedSecrets(url: string): string {
  return url.replace(FEED_SECRET_IN_URL, '$1[secret]$2');
}
