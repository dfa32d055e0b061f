import { Prisma } from './generated/prisma/client.js';

/**
 * Whether a write failed on a unique constraint: Prisma's P2002 from a model
 * query, or the driver adapter's UniqueConstraintViolation from a raw one.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)
    ?.cause;
  return error.code === 'P2002' || cause?.kind === 'UniqueConstraintViolation';
}
