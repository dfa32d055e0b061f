import { isIP } from 'node:net';

/**
 * Which peers may speak for the client in `X-Forwarded-*`: nobody, the nearest
 * hops (a function, as Fastify reads a bare number as "trust nobody"), or these addresses.
 */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

// proxy-addr's names for address ranges, which Fastify accepts next to addresses and CIDRs.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Parses `TRUST_PROXY`: empty or `false` (the default: the socket's peer is the
 * client), a hop count, or a comma-separated list of addresses, CIDRs and
 * proxy-addr's range names. `true` (believe anyone) is refused: any client could
 * then pick its own address and host.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    // Hop 0 is the socket's peer: with N trusted hops, the address N+1 steps back is the client.
    return hops === 0 ? false : (_address, hop) => hop < hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const invalid = entries.filter((entry) => !isAddressOrRange(entry));
  if (invalid.length) {
    throw new Error(
      `env/TRUST_PROXY must be false, a hop count, or addresses/CIDRs (loopback, linklocal, uniquelocal allowed); got ${invalid.join(', ')}`,
    );
  }
  return entries;
}
