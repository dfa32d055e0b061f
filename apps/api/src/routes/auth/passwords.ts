import { hash, verify, type Options } from '@node-rs/argon2';
import { randomSecret } from '@taskoverflow/db';
import pLimit from 'p-limit';
import { HttpError } from '../../plugins/error-handler.js';

/** OWASP's argon2id settings (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane. */
export const ARGON2ID: Options = {
  // Algorithm.Argon2id: a const enum, which isolated modules cannot read.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * How many argon2 computations of this process run at once: each holds 19 MiB
 * and one thread of libuv's pool (4 threads by default), which file and DNS
 * work of the whole process share.
 */
export const ARGON2_RUNNING = 2;
/** And how many may wait for their turn: beyond, 503 (a flood of sign-ins does not queue without end). */
export const ARGON2_WAITING = 8;
const argon2Work = pLimit(ARGON2_RUNNING);

/** Runs argon2 `work` within the process's cap, or refuses with 503 and Retry-After when the queue is full. */
async function withinArgon2Cap<T>(work: () => Promise<T>): Promise<T> {
  if (argon2Work.pendingCount >= ARGON2_WAITING) {
    throw new HttpError(
      503,
      'The server is busy checking passwords; try again in a second',
      {},
      { 'retry-after': '1' },
    );
  }
  return argon2Work(work);
}

/**
 * The form in which a password is checked and hashed: Unicode NFKC, so that
 * the same characters typed on two keyboards are the same password (NIST SP
 * 800-63B 5.1.1.2). Nothing is cut off or case-folded.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The argon2id hash of a password, as a PHC string (its salt and settings inside). */
export function hashPassword(password: string): Promise<string> {
  return withinArgon2Cap(() => hash(normalisePassword(password), ARGON2ID));
}

/**
 * Checks passwords against stored hashes. For an account without a hash
 * (unknown email, or the local owner) it verifies against a hash of a random
 * secret all the same, so that the answer takes as long and says as little.
 */
export async function createPasswordVerifier() {
  const dummyHash = await hash(randomSecret(), ARGON2ID);
  return {
    /** Whether `password` is the one `stored` was made from; always false without `stored`. */
    async verify(stored: string | null | undefined, password: string): Promise<boolean> {
      const matches = await withinArgon2Cap(() =>
        verify(stored ?? dummyHash, normalisePassword(password)),
      );
      return matches && stored != null;
    },
  };
}

export type PasswordVerifier = Awaited<ReturnType<typeof createPasswordVerifier>>;
