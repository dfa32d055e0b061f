import { sha256Hex, type SignInAttemptCounters } from '@taskoverflow/db';
import { tooManyRequests } from '../../lib/too-many-requests.js';

/** The window in which attempts are counted; a throttled client waits at most this long. */
export const THROTTLE_WINDOW_S = 15 * 60;

export interface ThrottleLimits {
  /** Failed attempts on one account from one client (see clientKey) per window. */
  perAccount: number;
  /** Failed attempts per client per window, on all accounts together. */
  perClient: number;
  /** Successful attempts per client per window: each costs an argon2 verification, and a sign-in a session. */
  successesPerClient: number;
}

const refused = (what: string) => (rejection: unknown) => {
  throw tooManyRequests(rejection, what);
};

/**
 * Throttles password guessing (ASVS 6.1.1, 6.3.1) without letting anyone lock
 * an account out. An attempt (a sign-in, or the check of a current password)
 * that fails counts against its client, and against the account *from that
 * client*: a correct password from a client that is not itself throttled
 * always gets through, whatever others tried. Successes count too, against
 * their client, at a higher limit. The counts are in PostgreSQL, shared by
 * every API process, in 15-minute windows.
 */
export function createSignInThrottle(limits: ThrottleLimits, counters: SignInAttemptCounters) {
  const failuresOfClient = counters({
    keyPrefix: 'failed-client',
    points: limits.perClient,
    durationS: THROTTLE_WINDOW_S,
  });
  // Keyed by a hash of the account and the client: the table keeps no email.
  const failuresOnAccount = counters({
    keyPrefix: 'failed-account',
    points: limits.perAccount,
    durationS: THROTTLE_WINDOW_S,
  });
  const successesOfClient = counters({
    keyPrefix: 'succeeded-client',
    points: limits.successesPerClient,
    durationS: THROTTLE_WINDOW_S,
  });

  return {
    /**
     * Runs `check` (what it returns unless the password was wrong: null)
     * unless the client, or the account from this client, is throttled, and
     * counts it.
     * @throws HttpError 429 with Retry-After when throttled.
     */
    async attempt<T>(
      account: string,
      client: string,
      check: () => Promise<T | null>,
    ): Promise<T | null> {
      const accountFromClient = sha256Hex(`${account}\n${client}`);
      const successes = await successesOfClient.get(client);
      if (successes && successes.consumedPoints >= limits.successesPerClient) {
        throw tooManyRequests(successes, 'sign-ins');
      }
      // Failures are counted before the check, so that attempts made at once cannot all slip
      // under the limit, and given back if it succeeds.
      await failuresOfClient.consume(client).catch(refused('failed attempts'));
      await failuresOnAccount.consume(accountFromClient).catch(async (rejection: unknown) => {
        await failuresOfClient.reward(client);
        refused('failed attempts')(rejection);
      });
      const succeeded = await check().catch(async (error: unknown) => {
        // Not a guess that failed: it could not be checked (the database is down, say).
        await Promise.all([
          failuresOfClient.reward(client),
          failuresOnAccount.reward(accountFromClient),
        ]);
        throw error;
      });
      if (succeeded !== null) {
        await Promise.all([
          failuresOfClient.reward(client),
          failuresOnAccount.delete(accountFromClient),
          successesOfClient.penalty(client),
        ]);
      }
      return succeeded;
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
