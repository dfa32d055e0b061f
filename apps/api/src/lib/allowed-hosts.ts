import { isIP } from 'node:net';

/**
 * Whether a request's host name (no port) is this server's: a loopback name, an
 * IP address (a DNS-rebinding page reaches us under a name of its own, never an
 * address), or one of `allowed` — where `.example.com` also allows its
 * subdomains. The rules of Vite's `server.allowedHosts` and Django's `ALLOWED_HOSTS`.
 */
export function isAllowedHost(hostname: string, allowed: readonly string[]): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name.replace(/^\[(.*)\]$/, '$1'))) return true;
  return allowed.some((entry) =>
    entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry,
  );
}
