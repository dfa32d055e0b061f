import { randomInt } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { sha256Hex } from '../secrets.js';

// Crockford's base32: no I, L, O or U, so that a code read from a log is typed right.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 4;

// Any constant: taken by whoever makes a setup code or claims with one, so that neither sees half of the other.
const INSTANCE_CLAIM_LOCK_KEY = 7_370_616_932;

/** A new setup code: 20 characters of base32 (100 random bits), in groups of four: `7KQ2-…`. */
function randomSetupCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** What is hashed of a code as typed: its letters and digits, upper-case (dashes and blanks do not count). */
function setupCodeSha256(code: string): string {
  return sha256Hex(code.toUpperCase().replace(/[^0-9A-Z]/g, ''));
}

/** Serialises the making and the use of setup codes, for the rest of `tx`. */
export async function lockInstanceClaim(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INSTANCE_CLAIM_LOCK_KEY})`;
}

/**
 * Uses up `code` in `tx` (which holds {@link lockInstanceClaim}): @returns
 * whether it was the instance's setup code. Rolled back with `tx`, so a claim that fails keeps it.
 */
export async function consumeSetupCode(
  tx: Prisma.TransactionClient,
  code: string,
): Promise<boolean> {
  const used = await tx.instanceSetupCode.deleteMany({
    where: { codeSha256: setupCodeSha256(code) },
  });
  return used.count === 1;
}

/**
 * The setup code of an instance that no admin has claimed yet. Only its
 * SHA-256 is stored, in PostgreSQL, so that every API process accepts it.
 */
export function createSetupCodes(prisma: PrismaClient) {
  const isClaimed = async (tx: Prisma.TransactionClient) =>
    (await tx.user.count({ where: { role: 'admin' } })) > 0;

  return {
    /**
     * A new setup code, replacing any earlier one (whose text nobody can read
     * again: only its hash was kept), or null when an admin exists already.
     */
    issue(): Promise<string | null> {
      return prisma.$transaction(async (tx) => {
        await lockInstanceClaim(tx);
        if (await isClaimed(tx)) {
          await tx.instanceSetupCode.deleteMany();
          return null;
        }
        const code = randomSetupCode();
        const row = { codeSha256: setupCodeSha256(code), createdAt: new Date() };
        await tx.instanceSetupCode.upsert({ where: { id: true }, create: row, update: row });
        return code;
      });
    },

    /** Whether an admin exists: then sign-ups are members, and no setup code works. */
    isClaimed(): Promise<boolean> {
      return isClaimed(prisma);
    },
  };
}

export type SetupCodes = ReturnType<typeof createSetupCodes>;
