import { Prisma } from './generated/prisma/client.js';

// Prisma: can't reach (P1001), timed out (P1002, P1008), connection closed (P1017), pool timeout (P2024),
// no transaction in time (P2028: every connection busy, or the database gone).
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart),
// and 57014: a statement cancelled by statement_timeout (the database is too busy to answer in time).
const SQLSTATE = /^(08|57P|57014$)/;
// node-postgres gives these no code: its pool found no free connection in time, a new one did
// not connect in time, or the connection ended under a query (the server went away).
const PG_UNCODED =
  /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout|Connection terminated unexpectedly)/;

interface AdapterCause {
  kind?: string;
  originalCode?: string;
  code?: string;
}

/**
 * Whether an error means "the database cannot be used right now" (down,
 * restarting, unreachable) rather than a fault in this request: the answer to
 * such a request is 503, and the client may try again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof Prisma.PrismaClientInitializationError) return true;
    if (current instanceof Prisma.PrismaClientKnownRequestError) {
      if (PRISMA_CODES.has(current.code)) return true;
      const cause = (current.meta?.driverAdapterError as { cause?: AdapterCause } | undefined)
        ?.cause;
      if (
        cause &&
        (ADAPTER_KINDS.has(cause.kind ?? '') ||
          SQLSTATE.test(cause.originalCode ?? cause.code ?? ''))
      ) {
        return true;
      }
    }
    if (current instanceof Error && PG_UNCODED.test(current.message)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NODE_CODES.has(code) || SQLSTATE.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
