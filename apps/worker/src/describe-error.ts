const MAX_LENGTH = 500;

/** Prisma's errors carry its version; their message starts with a code frame of the caller's source. */
function isPrismaError(error: unknown): error is Error {
  return error instanceof Error && 'clientVersion' in error;
}

/**
 * A short, one-line account of an error for people (an export's `lastError`,
 * which the status endpoint shows): no source paths or code frames, at most
 * 500 characters. The whole error goes to the logs.
 */
export function describeError(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  if (isPrismaError(error)) text = text.trim().split('\n').at(-1) ?? '';
  text = text.replace(/\s+/g, ' ').trim() || 'unknown error';
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
