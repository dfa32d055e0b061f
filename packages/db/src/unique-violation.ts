import pg from 'pg';
import { Prisma } from './generated/prisma/client.js';

/** PostgreSQL's SQLSTATE for a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether a write failed on a unique constraint: node-postgres's error (the
 * export store's statements), Prisma's P2002 from a model query, or the driver
 * adapter's UniqueConstraintViolation from a raw one.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return error.code === UNIQUE_VIOLATION;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)
    ?.cause;
  return error.code === 'P2002' || cause?.kind === 'UniqueConstraintViolation';
}
